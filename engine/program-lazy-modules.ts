// Start-up cost of the program process that no preview needs: @pulumi/pulumi loads TypeScript (a 9 MB file) and
// @npmcli/arborist (about 500 modules) as it starts, though only function serialization (`serializeFunction`,
// `computeCodePaths`, e.g. for Lambda callbacks) ever uses them; together they are most of the SDK's load time.
// The SDK's own requests for them are answered with a stand-in that loads the real module on first use, so a
// program that serializes a function gets the same module, later.

/**
 * Code declaring `lazyModule(load)`: a stand-in for the module `load()` returns, loading it on first use. Every
 * operation on the stand-in is the real module's (writes and deletes included), so code that patches the module works.
 * The proxy's own target stays empty: properties read through it are reported configurable, as proxies require.
 */
export const LAZY_MODULE =
  `const lazyModule = (load) => {` +
  `  let real;` +
  `  const target = () => (real ??= load());` +
  `  return new Proxy({}, {` +
  `    get: (_, key) => {` +
  `      if (key === "__esModule") return true;` +
  `      const m = target();` +
  `      return key === "default" && !m.__esModule ? m : Reflect.get(m, key);` +
  `    },` +
  `    set: (_, key, value) => Reflect.set(target(), key, value),` +
  `    has: (_, key) => Reflect.has(target(), key),` +
  `    ownKeys: () => Reflect.ownKeys(target()),` +
  `    getOwnPropertyDescriptor: (_, key) => {` +
  `      const d = Reflect.getOwnPropertyDescriptor(target(), key);` +
  `      return d && { ...d, configurable: true };` +
  `    },` +
  `    defineProperty: (_, key, descriptor) => Reflect.defineProperty(target(), key, descriptor),` +
  `    deleteProperty: (_, key) => Reflect.deleteProperty(target(), key),` +
  `  });` +
  `};`;

/**
 * Code for the program's preload (needs `sdk`, a require from the SDK's `cmd/run`): the SDK's requests of its
 * TypeScript shim, and the code-path module's request of arborist, return a lazy stand-in. The stand-in says it is an
 * ES module, so the SDK's `__importStar` keeps it as is instead of copying every export (which would load it).
 */
export const LAZY_SDK_MODULES =
  LAZY_MODULE +
  `{` +
  `  const Module = sdk("module");` +
  `  const path = sdk("path");` +
  `  const tsShim = sdk.resolve("../../typescript-shim");` +
  `  const codePaths = sdk.resolve("../../runtime/closure/codePaths");` +
  `  const sdkRoot = path.dirname(sdk.resolve("../../package.json")) + path.sep;` +
  `  const isLazy = (request, from) =>` +
  `    (request === "@npmcli/arborist" && from === codePaths) ||` +
  `    (request.endsWith("typescript-shim") &&` +
  `      from.startsWith(sdkRoot) &&` +
  `      !Module._cache[tsShim] &&` +
  `      path.resolve(path.dirname(from), request) + ".js" === tsShim);` +
  `  const load = Module._load;` +
  `  Module._load = function (request, parent, isMain) {` +
  `    if (typeof request === "string" && typeof parent?.filename === "string" && isLazy(request, parent.filename)) {` +
  `      return lazyModule(() => load.call(this, request, parent, isMain));` +
  `    }` +
  `    return load.apply(this, arguments);` +
  `  };` +
  `}`;
