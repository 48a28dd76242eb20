import http from 'node:http';

/** A minimal Bot Connector for benchmarks: accepts every POST/PUT at once (or after a delay). */
export async function startBenchConnector(latencyMs: [number, number] = [0, 0]) {
  let posts = 0;
  let counter = 0;
  const log: Array<{ method: string; path: string; at: number }> = [];
  const server = http.createServer((req, res) => {
    log.push({ method: req.method ?? '', path: req.url ?? '', at: Date.now() });
    req.resume();
    req.on('end', () => {
      const [min, max] = latencyMs;
      const delay = min + Math.random() * (max - min);
      setTimeout(() => {
        posts++;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: `a-${++counter}` }));
      }, delay);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    posts: () => posts,
    log,
    close: () => new Promise<void>((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}
