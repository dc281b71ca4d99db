import type { BenchSection } from "../section";
import { authSection } from "./auth";
import { dfdOpenSection } from "./dfd-open";
import { facilitationStepSection } from "./facilitation-step";
import { interopSection } from "./interop";
import { notesLatencySection } from "./notes-latency";
import { reviewSection } from "./review";
import { roomMemorySection } from "./room-memory";
import { syncLatencySection } from "./sync-latency";
import { threatgenSection } from "./threatgen";
import { versionRestoreSection } from "./version-restore";
import { versionsSection } from "./versions";

/**
 * The sections of `npm run bench`, run in this order. A new section is a module exporting a
 * BenchSection, added here; its figures join the BENCH line.
 */
export const SECTIONS: readonly BenchSection[] = [
  threatgenSection,
  versionsSection,
  versionRestoreSection,
  syncLatencySection,
  notesLatencySection,
  facilitationStepSection,
  roomMemorySection,
  dfdOpenSection,
  interopSection,
  reviewSection,
  authSection,
];
