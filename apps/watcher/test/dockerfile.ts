/**
 * A small Dockerfile reader for the image tests: instructions with their stage, line
 * continuations joined, comments dropped, and global ARG defaults substituted into FROM.
 * Enough for the invariants the tests check; not a full BuildKit parser.
 */

/** One instruction, e.g. `{ keyword: 'COPY', args: '--from=build /a /b' }`. */
export interface Instruction {
  readonly keyword: string;
  readonly args: string;
  /** 1-based line where it starts. */
  readonly line: number;
}

/** One build stage. */
export interface Stage {
  /** The base image with global ARG defaults substituted, e.g. "node:24.21.0-bookworm-slim". */
  readonly image: string;
  /** The name after AS, where there is one. */
  readonly name?: string;
  /** The instructions after FROM, in order. */
  readonly instructions: readonly Instruction[];
}

/** A parsed Dockerfile. */
export interface Dockerfile {
  /** ARGs declared before the first FROM, with their defaults. */
  readonly globalArgs: ReadonlyMap<string, string>;
  readonly stages: readonly Stage[];
}

/** Parses Dockerfile text. */
export function parseDockerfile(text: string): Dockerfile {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || (trimmed === '' && pending === undefined)) return;
    const continued = trimmed.endsWith('\\');
    const piece = continued ? trimmed.slice(0, -1).trim() : trimmed;
    pending = pending === undefined ? { text: piece, line: index + 1 } : { text: `${pending.text} ${piece}`.trim(), line: pending.line };
    if (continued) return;
    const match = /^(\S+)\s*(.*)$/.exec(pending.text);
    if (match !== null) instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!, line: pending.line });
    pending = undefined;
  });

  const globalArgs = new Map<string, string>();
  const stages: { image: string; name?: string; instructions: Instruction[] }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.args.split(/\s+/);
      const resolved = image.replace(/\$\{?(\w+)\}?/g, (_, variable: string) => globalArgs.get(variable) ?? '');
      stages.push({ image: resolved, ...(as?.toUpperCase() === 'AS' && name !== undefined && { name }), instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword === 'ARG') {
        const [variable = '', value = ''] = instruction.args.split('=');
        globalArgs.set(variable.trim(), value.trim());
      }
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

/** The JSON (exec) form of ENTRYPOINT/CMD as an array, or undefined for the shell form. */
export function toExecForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  const parsed: unknown = JSON.parse(args);
  return Array.isArray(parsed) && parsed.every((part) => typeof part === 'string') ? parsed : undefined;
}
