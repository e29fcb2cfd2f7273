export {};

declare global {
  interface Window {
    /** Submit-to-next-record timings, read by the end-to-end tests. */
    __tandemTimings?: { submitToNextMs: number }[];
  }
}
