// Lint rules for the kit. Typed rules (Pulumi's Output checks) run only where Outputs live.
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "bench/peer/**", "coverage/**", "**/*.js", "!policies/*.js"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    // Policies read hostile input: a spread into one call throws once its items outnumber the arguments a call takes.
    files: ["lib/**/*.ts", "policies/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name=/^(push|unshift)$/] > SpreadElement",
          message: "Spreading into push throws past about 100,000 items: use appendAll(target, items) from lib/arrays.",
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min)$/] > SpreadElement",
          message: "Spreading into Math.max/min throws past about 100,000 items: reduce over the list instead.",
        },
      ],
    },
  },
  {
    files: ["components/**/*.ts", "stacks/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "@pulumi": pulumi },
    rules: {
      "@pulumi/no-output-in-template-literal": "error",
      "@pulumi/no-output-instance-in-template-literal": "error",
      // A deprecated provider field warns at every `pulumi up` and disappears in a later provider version.
      "@typescript-eslint/no-deprecated": "error",
    },
  },
);
