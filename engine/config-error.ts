/** A project or stack configuration problem found before the program runs (the CLI exits 2). */
export class ConfigError extends Error {}
