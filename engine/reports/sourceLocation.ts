// Where a resource was declared, as a path relative to the repository: code scanning annotates that line of the PR.
import { existsSync, readFileSync } from "fs";
import { SourceMap } from "module";
import * as path from "path";
import { fileURLToPath } from "url";
import type { SourcePosition } from "../model";

export interface SourceLocation {
  /** Repository-relative, forward slashes, percent-encoded: a SARIF URI reference against %SRCROOT%. */
  uri: string;
  line?: number;
  column?: number;
}

export interface LocateOptions {
  /** Absolute path of the repository root. */
  repoRoot: string;
  /** Repository-relative file used when a resource carries no usable position (e.g. the stack's entry file). */
  fallbackFile: string;
}

/**
 * Resolves a registration's source position. Compiled JavaScript with a `.map` beside it is mapped back to the
 * TypeScript line; positions outside the repository or inside node_modules fall back to the entry file.
 */
export function locateSource(position: SourcePosition | undefined, options: LocateOptions): SourceLocation {
  const fallback = { uri: toUriReference(options.fallbackFile) };
  if (!position?.uri) return fallback;
  const file = position.uri.startsWith("file:")
    ? fileURLToPath(position.uri)
    : path.resolve(options.repoRoot, position.uri);
  const original = mapToOriginal(file, position.line, position.column);
  const relative = path.relative(options.repoRoot, original.file);
  if (relative.startsWith("..") || path.isAbsolute(relative) || relative.split(path.sep).includes("node_modules")) {
    return fallback;
  }
  const location: SourceLocation = { uri: toUriReference(relative) };
  if (original.line > 0) location.line = original.line;
  if (original.line > 0 && original.column > 0) location.column = original.column;
  return location;
}

function toUriReference(relativePath: string): string {
  return relativePath
    .split(/[\\/]+/)
    .map(encodeURIComponent)
    .join("/");
}

interface Position {
  file: string;
  line: number;
  column: number;
}

const maps = new Map<string, SourceMap | undefined>();

function loadMap(file: string): SourceMap | undefined {
  if (!maps.has(file)) {
    const mapFile = `${file}.map`;
    let map: SourceMap | undefined;
    try {
      if (existsSync(mapFile)) map = new SourceMap(JSON.parse(readFileSync(mapFile, "utf8")));
    } catch {
      map = undefined; // an unreadable map only costs precision: keep the generated position
    }
    maps.set(file, map);
  }
  return maps.get(file);
}

/** 1-based line and column in, 1-based out. */
function mapToOriginal(file: string, line: number, column: number): Position {
  const generated = { file, line, column };
  if (!file.endsWith(".js") || line < 1) return generated;
  const map = loadMap(file);
  if (!map) return generated;
  const entry = map.findEntry(line - 1, Math.max(column - 1, 0)) as Partial<{
    originalSource: string;
    originalLine: number;
    originalColumn: number;
  }>;
  if (!entry.originalSource || entry.originalLine === undefined) return generated;
  const source = entry.originalSource.startsWith("file:")
    ? fileURLToPath(entry.originalSource)
    : path.resolve(path.dirname(file), entry.originalSource);
  return { file: source, line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
}
