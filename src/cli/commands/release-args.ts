/**
 * `tandem release create --version 1.2.0`: the program's own `--version` flag is matched wherever
 * it appears, so after `release` the flag is renamed to the option this command declares before
 * commander sees it. Everything else passes unchanged.
 */
export function releaseVersionArgs(argv: string[]): string[] {
  const at = argv.indexOf('release');
  if (at < 0) return argv;
  return argv.map((a, i) =>
    i <= at
      ? a
      : a === '--version'
        ? '--release-version'
        : a.startsWith('--version=')
          ? `--release-version=${a.slice(10)}`
          : a,
  );
}
