// What the figures were measured on: CPU model, cores, memory, OS, Node.js, the date, and how
// busy the machine was (the load average before and after), since other work on the same cores
// moves every figure.
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';

/**
 * @typedef {object} MachineDescription
 * @property {string} cpu the CPU model
 * @property {number} cores logical cores
 * @property {string} memory total memory, e.g. "23.4 GiB"
 * @property {string} os e.g. "Linux 6.8.0 (Debian GNU/Linux 12 (bookworm))"
 * @property {string} node e.g. "v24.21.0"
 * @property {string} date ISO-8601, when the suite started
 * @property {string} loadBefore the 1-, 5- and 15-minute load averages when the suite started
 */

/** The distribution's name from /etc/os-release, where there is one. */
function distribution() {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1];
  } catch {
    return undefined;
  }
}

/** The load averages, formatted "0.52 0.61 0.70". */
export function formatLoad() {
  return loadavg().map((value) => value.toFixed(2)).join(' ');
}

/** Describes this machine now. @returns {MachineDescription} */
export function describeMachine() {
  const processors = cpus();
  const distro = distribution();
  return {
    cpu: processors[0]?.model.trim() || 'unknown',
    cores: processors.length,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: `${type()} ${release()}${distro === undefined ? '' : ` (${distro})`}`,
    node: process.version,
    date: new Date().toISOString(),
    loadBefore: formatLoad(),
  };
}
