import net from 'node:net';

/**
 * libfaketime's settings (CI runs the suites with the clock moved to future dates). A test
 * that starts a child with a clean environment passes these on, so the child sees the same
 * date as the test and its other children.
 */
export function fakeClockEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && (key === 'LD_PRELOAD' || key.startsWith('FAKETIME') || key === 'DONT_FAKE_MONOTONIC')) out[key] = value;
  }
  return out;
}

/**
 * A port nobody listens on right now, as the OS hands it out for port 0. For children whose
 * port must be known before they start (the bot behind the Playground, the Playground itself).
 */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
