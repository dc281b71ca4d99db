/**
 * Runs in the browser before any of the app's modules (Next.js instrumentation-client). zod
 * would otherwise probe, while its first schemas are built, whether it may compile validators
 * with `new Function`: the pages' Content-Security-Policy forbids eval, and the caught probe
 * still reports a violation. Validation works the same without compiled validators.
 */
import { z } from "zod";

z.config({ jitless: true });
