import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { bridgeGateway } from './docker-cli';
import { eventually } from './eventually';
import { freePort } from './server-process';

/**
 * moto's server (PyPI `moto[server]`) in its own virtual environment, made by
 * scripts/provision/packages.sh test: Debian has no S3 server (rclone 1.60 has no `serve s3`).
 */
export const MOTO_VENV = process.env.TL_MOTO_VENV ?? '/opt/tl-test-moto';

/**
 * Made while moto still answers without signatures (INITIAL_NO_AUTH_ACTION_COUNT): a user allowed
 * everything on S3, its access key, and the bucket. Every request after these four is checked.
 */
const SETUP = String.raw`
import json, sys, boto3
endpoint, bucket = sys.argv[1], sys.argv[2]
kw = dict(endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id='setup', aws_secret_access_key='setup')
iam = boto3.client('iam', **kw)
iam.create_user(UserName='coop')
iam.put_user_policy(UserName='coop', PolicyName='s3', PolicyDocument=json.dumps(
    {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 's3:*', 'Resource': '*'}]}))
key = iam.create_access_key(UserName='coop')['AccessKey']
boto3.client('s3', **kw).create_bucket(Bucket=bucket)
print(json.dumps({'accessKeyId': key['AccessKeyId'], 'secretAccessKey': key['SecretAccessKey']}))
`;
const SETUP_ACTIONS = 4;

/** A real S3-protocol server on this machine (signatures and keys checked), reached from restic's containers. */
export interface S3Server {
  /** The bucket's URL as restic's container reaches it (host.docker.internal): endpoint/bucket. */
  bucketUrl: string;
  accessKeyId: string;
  secretAccessKey: string;
  dispose(): Promise<void>;
}

export async function startS3Server(bucket: string): Promise<S3Server> {
  const bin = `${MOTO_VENV}/bin/moto_server`;
  assert.ok(existsSync(bin), `${bin} is missing: scripts/provision/packages.sh test makes moto's venv`);
  const gateway = bridgeGateway();
  const port = await freePort();
  const child: ChildProcess = spawn(bin, ['-H', gateway, '-p', String(port)], {
    env: { ...process.env, INITIAL_NO_AUTH_ACTION_COUNT: String(SETUP_ACTIONS) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let exited = false;
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  child.once('exit', () => (exited = true));
  await eventually(
    () => {
      assert.ok(!exited, `moto exited: ${log}`);
      return log.includes('Running on');
    },
    () => `moto listens (log: ${log})`,
    { timeoutMs: 60_000 },
  );
  const keys = JSON.parse(
    execFileSync(`${MOTO_VENV}/bin/python`, ['-c', SETUP, `http://${gateway}:${port}`, bucket], { encoding: 'utf8' }),
  ) as { accessKeyId: string; secretAccessKey: string };
  return {
    bucketUrl: `http://host.docker.internal:${port}/${bucket}`,
    ...keys,
    async dispose() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
