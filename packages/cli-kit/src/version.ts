declare const __MLOPS_VERSION__: string;

/** The toolkit's version, set at build time from the root package.json (all packages share it). */
export const VERSION: string = __MLOPS_VERSION__;
