// Words a secret may equal that are never searched for in text, by the engine's redactor nor by the pack's masking:
// every boolean and empty value in every message would be cut, and a secret flag reveals one bit.

/** JSON's literal words, compared in any case (as the CLI's display filter does). */
export const SECRET_LITERAL_WORDS: ReadonlySet<string> = new Set(["true", "false", "null"]);

export const isSecretLiteralWord = (s: string): boolean => SECRET_LITERAL_WORDS.has(s.toLowerCase());
