import 'reflect-metadata';
import { ConfigError, loadConfig, runsFeatures } from '../config/app-config';
import { reconcile, resetPassword, setupToken, status } from './cli.commands';
import { selfUpdateHelper } from './self-update-helper.command';

const USAGE = `usage: appliance <command>

  status                     health of the running manager (database, queue, Docker engine)
  setup-token                print the first-run setup token (before setup only)
  reset-password <username>  give an administrator a new random password
  reconcile                  bring the services to their desired state now
  self-update-helper ...     (internal) replaces the manager container; started by the dashboard's update`;

/** The recovery CLI inside the image: `docker exec <container> appliance <command>`. */
async function main(argv: string[]): Promise<number> {
  const print = (line: string) => console.log(line);
  process.umask(0o077); // as the manager: what the CLI writes into the data directory stays private
  const config = loadConfig(process.env);
  switch (argv[0]) {
    case 'status':
      return status(config, print);
    case 'setup-token':
      return setupToken(config, print);
    case 'reset-password':
      return resetPassword(config, print, argv[1]);
    case 'reconcile':
      if (!runsFeatures(config.mode)) {
        print(`Nothing to reconcile: this manager runs in ${config.mode} mode, which runs no features.`);
        return 1;
      }
      return reconcile(config, print);
    case 'self-update-helper':
      return selfUpdateHelper(config, print, argv.slice(1));
    default:
      print(USAGE);
      return argv[0] === 'help' || argv[0] === '--help' ? 0 : 64;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  },
);
