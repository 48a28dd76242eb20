import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function postJson(url: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const u = new URL(url);
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': data.length } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

export interface LoadResult {
  requests: number;
  concurrency: number;
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time of this whole process (load, bot, connector) per request: steadier than throughput when other processes share the cores. */
  cpuMsPerRequest: number;
  errors: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

/** Sends `total` requests with `concurrency` in flight; `make(i)` builds request i. */
export async function runLoad(url: string, total: number, concurrency: number, make: (i: number) => unknown): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  async function worker() {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      const status = await postJson(url, make(i)).catch(() => 0);
      latencies.push(performance.now() - t0);
      if (status !== 200) errors++;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    requests: total,
    concurrency,
    turnsPerSecond: round(total / seconds),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    cpuMsPerRequest: Math.round(((cpu.user + cpu.system) / 1000 / total) * 1000) / 1000,
    errors,
  };
}
