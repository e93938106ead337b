// Creates the key pair the end-to-end backend signs user tokens with (app-config.e2e.yaml,
// auth.keyStore static), once per checkout, under .tmp/ (git-ignored). The governance e2e test
// signs a second user's token with the private key. Never used outside the e2e backend.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '.tmp',
  'e2e-keys',
);
const privateFile = join(dir, 'e2e-user-token-signing.private.pem');
const publicFile = join(dir, 'e2e-user-token-signing.public.pem');

if (!existsSync(privateFile) || !existsSync(publicFile)) {
  mkdirSync(dir, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
  });
  writeFileSync(
    privateFile,
    privateKey.export({ type: 'pkcs8', format: 'pem' }),
    {
      mode: 0o600,
    },
  );
  writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }));
}
