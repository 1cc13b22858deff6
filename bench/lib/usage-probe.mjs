// Loaded into the watcher under test with `node --import`: as the process exits, writes its own
// resource usage — getrusage(RUSAGE_SELF), so the workers it started are not counted — to the
// file named by WATCHBOT_BENCH_USAGE_FILE, as one JSON object.
import { writeFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';

const file = process.env.WATCHBOT_BENCH_USAGE_FILE;
if (file !== undefined && file !== '') {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const heap = getHeapStatistics();
    const memory = process.memoryUsage();
    writeFileSync(
      file,
      JSON.stringify({
        /** Peak resident set of this process alone, in KiB. */
        maxRssKb: usage.maxRSS,
        /** CPU time of this process alone, in µs. */
        userCpuUs: usage.userCPUTime,
        systemCpuUs: usage.systemCPUTime,
        /** At exit, in bytes: where the memory is. */
        rssBytes: memory.rss,
        heapTotalBytes: memory.heapTotal,
        heapUsedBytes: memory.heapUsed,
        externalBytes: memory.external,
        peakMallocedBytes: heap.peak_malloced_memory,
      }),
    );
  });
}
