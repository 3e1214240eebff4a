// autocannon with exact (sub-millisecond) latencies: autocannon's own histogram keeps whole
// milliseconds, so every response time is also recorded here from its 'response' event.
import http from 'node:http';
import autocannon from 'autocannon';

export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/**
 * Runs one load phase.
 * - `next()` returns the next request ({method, path, headers, body}) or a fixed `request`.
 * - Stops after `amount` responses or `duration` seconds.
 */
export async function runLoad({ url, connections = 64, amount, duration, next, request, timeout = 30 }) {
  const latencies = [];
  const statuses = {};
  let errors = 0;
  let ok = 0;
  const requests = next
    ? [{ setupRequest: (req) => ({ ...req, ...next() }) }]
    : [request ?? {}];
  const started = process.hrtime.bigint();
  // autocannon notices that `amount` responses arrived only on its one-second tick, so the time it
  // takes to resolve is rounded up to whole seconds: the phase ends at the last response instead.
  let lastResponse = started;
  const instance = autocannon({
    url,
    connections,
    pipelining: 1,
    timeout,
    ...(amount ? { amount } : { duration }),
    requests,
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    lastResponse = process.hrtime.bigint();
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    if (statusCode >= 200 && statusCode < 300) {
      ok++;
      latencies.push(responseTime);
    }
  });
  instance.on('reqError', () => {
    errors++;
  });
  const result = await instance;
  const seconds = Number((amount ? lastResponse : process.hrtime.bigint()) - started) / 1e9;
  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    responses: total,
    ok,
    non2xx: total - ok,
    errors: Math.max(errors, result.errors ?? 0),
    timeouts: result.timeouts ?? 0,
    statuses,
    ...latencySummary(latencies, seconds),
  };
}

/** Rate and percentiles of the successful responses' latencies. */
function latencySummary(latencies, seconds) {
  latencies.sort((a, b) => a - b);
  return {
    seconds: round(seconds, 2),
    rps: round(latencies.length / seconds, 1),
    p50: round(percentile(latencies, 50), 2),
    p90: round(percentile(latencies, 90), 2),
    p99: round(percentile(latencies, 99), 2),
    max: round(latencies[latencies.length - 1] ?? Number.NaN, 2),
  };
}

export const round = (x, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);

/** Short human line for progress output. */
export function describe(r) {
  const bad = r.non2xx || r.errors || r.timeouts ? `, non-2xx ${r.non2xx} (${JSON.stringify(r.statuses)}), errors ${r.errors}, timeouts ${r.timeouts}` : '';
  return `${r.ok} ok in ${r.seconds}s = ${r.rps}/s, p50 ${r.p50} ms, p99 ${r.p99} ms${bad}`;
}

/**
 * Open-loop load: requests start at a fixed `rate` (evenly spaced, not in per-second bursts as
 * autocannon's rate limit sends them) over at most `connections` keep-alive sockets, for
 * `duration` seconds. Latency counts from each request's scheduled start, so a server that falls
 * behind is charged for the wait.
 */
export async function runPaced({ url, rate, duration, connections = 64, next }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const latencies = [];
  const statuses = {};
  let errors = 0;
  const total = Math.round(rate * duration);
  const started = performance.now();
  const send = (scheduledAt) =>
    new Promise((resolve) => {
      const { method, path, headers, body } = next();
      const request = http.request({ agent, host: target.hostname, port: target.port, method, path, headers }, (response) => {
        response.resume();
        response.on('end', () => {
          statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
          if (response.statusCode >= 200 && response.statusCode < 300) latencies.push(performance.now() - scheduledAt);
          resolve();
        });
      });
      request.on('error', () => {
        errors++;
        resolve();
      });
      request.end(body);
    });
  const inFlight = [];
  for (let i = 0; i < total; i++) {
    const scheduledAt = started + (i * 1000) / rate;
    const wait = scheduledAt - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(scheduledAt));
  }
  await Promise.all(inFlight);
  agent.destroy();
  return {
    responses: Object.values(statuses).reduce((a, b) => a + b, 0),
    ok: latencies.length,
    errors,
    statuses,
    rate,
    ...latencySummary(latencies, (performance.now() - started) / 1000),
  };
}
