import { VERSION } from '../core/version';

/** `devops-notes` command line: the same core as the extension, for pipelines. */
export function main(argv: string[]): number {
  const [command] = argv;
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`devops-notes ${VERSION}\n\nUsage: devops-notes <command> [options]\n\nCommands:\n  --version   print the version\n  --help      this help\n`);
    return command ? 0 : 2;
  }
  process.stderr.write(`devops-notes: unknown command "${command}" (see devops-notes --help)\n`);
  return 2;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
