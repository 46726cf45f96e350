import { ensureServices } from '../../scripts/services';

/** Integration and end-to-end tests need every store; FerretDB is installed and started when absent. */
export default async function globalSetup(): Promise<void> {
  await ensureServices({ log: (line) => process.stdout.write(`services: ${line}\n`) });
}
