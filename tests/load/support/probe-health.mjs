/**
 * Asks GET <url> again and again, one request at a time, and prints one JSON line per answer:
 * how long it took (ms) and its status. Runs in a process of its own, so that what the test
 * process does meanwhile never delays a probe.
 */
const url = process.argv[2];
for (;;) {
  const start = performance.now();
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    console.info(
      JSON.stringify({ at: Date.now(), ms: performance.now() - start, status: response.status }),
    );
  } catch (error) {
    console.info(
      JSON.stringify({ at: Date.now(), ms: performance.now() - start, error: String(error) }),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 10));
}
