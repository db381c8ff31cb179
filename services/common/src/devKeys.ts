import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { SigningKey } from './auth';

/**
 * Local development keys: an ES256 key pair generated on first use into a git-ignored folder.
 * Deployments supply their own files at the same two paths (AUTH_SIGNING_KEY_FILE,
 * AUTH_PUBLIC_KEYS_FILE); the public-keys file may hold several kids while keys rotate.
 */
export interface KeyFiles {
  signingKeyFile: string;
  publicKeysFile: string;
}

export function keyFilesIn(dir: string): KeyFiles {
  return {
    signingKeyFile: path.join(dir, 'jwt-signing-key.json'),
    publicKeysFile: path.join(dir, 'jwt-public-keys.json'),
  };
}

/**
 * Creates the key files when absent. Safe when several processes race: one takes an exclusive
 * lock file and writes, the others wait for it; files are renamed into place whole.
 * @returns whether this call generated new keys.
 */
export function ensureDevKeys(files: KeyFiles): boolean {
  if (existsSync(files.signingKeyFile) && existsSync(files.publicKeysFile)) return false;
  mkdirSync(path.dirname(files.signingKeyFile), { recursive: true });
  const lock = `${files.signingKeyFile}.lock`;
  let fd: number;
  try {
    fd = openSync(lock, 'wx');
  } catch {
    waitForFiles(files, lock);
    return false;
  }
  try {
    if (!existsSync(files.signingKeyFile) || !existsSync(files.publicKeysFile)) writeNewKeys(files);
  } finally {
    closeSync(fd);
    unlinkSync(lock);
  }
  return true;
}

function waitForFiles(files: KeyFiles, lock: string): void {
  const deadline = Date.now() + 10_000;
  while (existsSync(lock) || !existsSync(files.publicKeysFile)) {
    if (Date.now() > deadline) throw new Error(`Key generation did not finish; remove ${lock} if no process holds it`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}

function writeNewKeys(files: KeyFiles): void {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = `dev-${new Date().toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`;
  const signing: SigningKey = {
    kid,
    alg: 'ES256',
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  const publicKeys = { [kid]: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  atomicWrite(files.publicKeysFile, JSON.stringify(publicKeys, null, 2));
  atomicWrite(files.signingKeyFile, JSON.stringify(signing, null, 2));
}

function atomicWrite(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  renameSync(tmp, file);
}

export function readSigningKey(file: string): SigningKey {
  return JSON.parse(readFileSync(file, 'utf8')) as SigningKey;
}

export function readPublicKeys(file: string): Record<string, string> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
}
