/**
 * The containers' healthcheck (their slim images have no curl): exits 0 when
 * the URL answers 200 within three seconds, else 1.
 */
const url = process.argv[2];
if (url === undefined) {
  process.stderr.write('usage: node scripts/dist/healthcheck.js <url>\n');
  process.exit(2);
}
fetch(url, { signal: AbortSignal.timeout(3_000) }).then(
  (response) => process.exit(response.status === 200 ? 0 : 1),
  () => process.exit(1),
);
