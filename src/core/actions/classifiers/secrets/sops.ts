import type { CommandClassifier } from '../../types.js';
import { hasFlag, optionValue, positionals } from '../args.js';
import { operation } from '../operation.js';

// sops keeps secrets encrypted in files that live in the repository. Reading one (`sops -d f`, `sops f` to
// edit it) is everyday. Two writes lose what the file protects: decrypting in place (`-d -i`) replaces the
// encrypted file by its plaintext (the secret is then on disk, ready to be committed), and `--set` of an empty
// value blanks a secret. Both are held; the file names the environment (secrets/prod.enc.yaml → prod).

const VALUED = new Set([
  '--set',
  '--unset',
  '--extract',
  '--output',
  '--input-type',
  '--output-type',
  '--kms',
  '--pgp',
  '--age',
  '--gcp-kms',
  '--azure-kv',
  '--hc-vault-transit',
  '--config',
  '--encrypted-regex',
  '--unencrypted-regex',
  '--filename-override',
]);

/** The environment a secrets file names: `secrets/prod.enc.yaml` → prod, `config/staging/app.yaml` → staging. */
function environmentOf(file: string): string | undefined {
  const words = file.toLowerCase().split(/[^a-z0-9]+/);
  return words.find((w) => /^(prod|production|live|staging|stage|dev|development|test|local)$/.test(w));
}

/** sops: in-place decryption and blanking a secret are destructive; reading and editing are not. */
export const classifySops: CommandClassifier = (command) => {
  const args = command.args;
  const file = positionals(args, VALUED).at(-1) ?? 'a secrets file';
  const inPlace = hasFlag(args, ['--in-place'], 'i');
  const decrypts = hasFlag(args, ['--decrypt'], 'd') || args.includes('decrypt');
  const set = optionValue(args, ['--set']);
  // `--set '["db"]["password"] ""'`: the value is the JSON after the path
  const blanks = set !== undefined && /\]\s*(""|''|null)\s*$/.test(set.trim());
  const unset = args.includes('--unset') || args.includes('unset');
  const what =
    decrypts && inPlace
      ? `replaces the encrypted ${file} by its plaintext`
      : blanks
        ? `blanks a secret in ${file}`
        : unset
          ? `removes a secret from ${file}`
          : undefined;
  if (what === undefined) return [];
  const environment = environmentOf(file);
  return [
    operation(command, {
      kind: 'write',
      category: 'secret',
      destructive: true,
      reversible: false,
      target: file,
      summary: `sops ${what}`,
      hints: environment !== undefined ? { environment } : {},
    }),
  ];
};
