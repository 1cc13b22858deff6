/**
 * Turns yargs' own validation messages into Watchbot's one-line usage errors, naming flags
 * the way the user typed them (`--bogus`, not `bogus`).
 */

/**
 * Rewrites a yargs failure message.
 * @param args the arguments as given, to tell a flag (`--x`) from a stray word (`x`).
 */
export function toUsageMessage(message: string, args: readonly string[]): string {
  const unknown = /^Unknown arguments?: (.+)$/s.exec(message);
  if (unknown?.[1] !== undefined) {
    const names = unknown[1].split(', ').map((name) => asTyped(name, args));
    return `unknown ${names.every((name) => name.startsWith('-')) ? 'option' : 'argument'}${names.length === 1 ? '' : 's'}: ${names.join(', ')}`;
  }
  const missingValue = /^Not enough arguments following: (.+)$/s.exec(message);
  if (missingValue?.[1] !== undefined) return `${asTyped(missingValue[1], args)} needs a value`;
  return message.split('\n').map((line) => line.trim()).filter((line) => line !== '').join(' ');
}

function asTyped(name: string, args: readonly string[]): string {
  for (const prefix of ['--', '-']) {
    const flag = `${prefix}${name}`;
    if (args.some((arg) => arg === flag || arg.startsWith(`${flag}=`))) return flag;
  }
  // yargs reports --max-receivs as "max-receivs" and also its camelCase form; prefer a dashed flag.
  return args.some((arg) => arg === name) ? JSON.stringify(name) : name.length === 1 ? `-${name}` : `--${name}`;
}
