/**
 * @watchbot/faults — the fault-injection suite's harness: the real CLI as a process, the
 * worker that logs every run, seeded faults and fuzzed bodies, outside looks at queues and
 * processes, and the report. The scenarios themselves are the tests in test/.
 */
export { assertCliBuilt, killRunningWatchbots, runWatchbot, runWatchbotOk, startWatchbot, watchbotBin } from './watchbot-process.js';
export type { TimedLine, WatchbotExit, WatchbotOptions, WatchbotProcess } from './watchbot-process.js';
export { pause, waitFor, withDeadline } from './wait-for.js';
export type { WaitOptions } from './wait-for.js';
export { createSeededRandom, readFaultSeed } from './seeded-random.js';
export type { SeededRandom } from './seeded-random.js';
export { countDuplicates, doneMessages, finishedMessages, overlappingMessages, readWorkLog, writeFaultWorker } from './work-log.js';
export type { WorkLog, WorkRun, WorkerBehaviour } from './work-log.js';
export { tallyMessages } from './message-tally.js';
export type { MessageTally, TallyInput } from './message-tally.js';
export { faultReportPath, formatFaultTable, recordFaultRows, resetFaultReport, toFaultRow } from './fault-report.js';
export type { FaultReport, FaultRow } from './fault-report.js';
export { insertRawMessages, readQueueFileIds } from './queue-file.js';
export type { QueueFileIds, RawMessage } from './queue-file.js';
export { findMarkedProcesses, killMarkedProcesses } from './marked-processes.js';
export type { MarkedProcess } from './marked-processes.js';
export { fuzzKinds, generateFuzzMessages, maxBodyBytes } from './fuzz-bodies.js';
export type { FuzzKind, FuzzMessage } from './fuzz-bodies.js';
export { sendMessages, workMessages } from './send-messages.js';
export type { SendResult } from './send-messages.js';
export { createScenarioDir } from './scenario-dir.js';
export type { ScenarioDir } from './scenario-dir.js';
export { entriesMatching, findSettledCounts, parseWatcherLog } from './watcher-log.js';
export type { WatcherLogEntry } from './watcher-log.js';
export { createRedrivenQueue, emulatorEnvironment, openEmulatorQueue, readDeadLetterIds } from './emulator-queues.js';
export type { RedrivenQueue } from './emulator-queues.js';
export { fillDisk, isPrivileged, makeImmutable, mountReadOnly, mountSmallDisk, removeFiller, removeWritePermission } from './storage-faults.js';
