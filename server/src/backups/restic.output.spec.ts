import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyFailure, failureDetail, keyChange, parseKeys, parseResticLine, parseSnapshots } from './restic.output';

describe('restic output', () => {
  it('reads status and summary lines of `backup --json`', () => {
    assert.deepEqual(
      parseResticLine('{"message_type":"status","percent_done":0.25,"total_files":4,"bytes_done":10,"total_bytes":40}'),
      { type: 'status', status: { percentDone: 0.25, bytesDone: 10, totalBytes: 40 } },
    );
    assert.deepEqual(
      parseResticLine(
        '{"message_type":"summary","files_new":1,"data_added":123,"total_bytes_processed":456,"snapshot_id":"7be172a8"}',
      ),
      { type: 'summary', summary: { snapshotId: '7be172a8', totalBytesProcessed: 456, dataAdded: 123 } },
    );
  });

  it('clamps a percentage and ignores what is not a message', () => {
    const status = parseResticLine('{"message_type":"status","percent_done":1.5}');
    assert.equal(status.type === 'status' && status.status.percentDone, 1);
    assert.deepEqual(parseResticLine('repository 1a2b opened'), { type: 'other' });
    assert.deepEqual(parseResticLine('{not json'), { type: 'other' });
    assert.deepEqual(parseResticLine('{"message_type":"verbose_status"}'), { type: 'other' });
  });

  it('reads an error message with its item', () => {
    assert.deepEqual(
      parseResticLine('{"message_type":"error","error":{"message":"permission denied"},"during":"scan","item":"/v/x"}'),
      { type: 'error', message: '/v/x: permission denied' },
    );
  });

  it('reads `snapshots --json`, also when there is none', () => {
    assert.deepEqual(parseSnapshots('null\n'), []);
    assert.deepEqual(parseSnapshots(''), []);
    const [one] = parseSnapshots(
      '[{"time":"2026-11-30T05:00:00Z","paths":["/volumes/a"],"hostname":"h","tags":["run=r1","kind=volume"],"id":"abc","short_id":"ab"}]',
    );
    assert.deepEqual(one, {
      id: 'abc',
      time: '2026-11-30T05:00:00Z',
      tags: ['run=r1', 'kind=volume'],
      paths: ['/volumes/a'],
    });
    assert.deepEqual(parseSnapshots('[{"id":"x","time":"t","paths":["/p"]}]')[0].tags, []);
  });

  it('reads `key list --json`: each id, and which key opened the repository', () => {
    const output =
      '[{"current":true,"id":"373e2e7d","userName":"root","hostName":"h","created":"2026-11-30 08:55:30"},' +
      '{"current":false,"id":"9a1b2c3d","userName":"root","hostName":"h","created":"2026-11-30 09:01:02"}]\n';
    assert.deepEqual(parseKeys(output), [
      { id: '373e2e7d', current: true },
      { id: '9a1b2c3d', current: false },
    ]);
    assert.throws(() => parseKeys('{}'), SyntaxError);
  });

  it('tells the added key, and the earlier one to remove unless it opened the repository', () => {
    const before = [
      { id: 'own', current: true },
      { id: 'old', current: false },
    ];
    const after = [...before, { id: 'new', current: false }];
    assert.deepEqual(keyChange(before, after, 'old'), { added: 'new', stale: 'old' });
    assert.deepEqual(keyChange(before, after, 'own'), { added: 'new', stale: undefined });
    assert.deepEqual(keyChange(before, after), { added: 'new', stale: undefined });
  });

  it('names the failure from restic’s error text', () => {
    const cases: Array<[string, string]> = [
      ['Fatal: wrong password or no key found', 'wrongPassword'],
      [
        'Fatal: unable to open config file: Stat: stat /data/backups/repository/config: no such file or directory\nIs there a repository at the following location?',
        'noRepository',
      ],
      ['unable to create lock in backend: repository is already locked by PID 12 on x by root', 'locked'],
      [
        'Fatal: unable to save snapshot: write /data/backups/repository/data/ab/cd: no space left on device',
        'diskFull',
      ],
      [
        'Fatal: unable to open repository at rest:http://host:8000/: Get "http://host:8000/config": dial tcp 10.0.0.1:8000: connect: connection refused',
        'unreachable',
      ],
      ['Fatal: something else', 'failed'],
    ];
    for (const [text, reason] of cases) assert.equal(classifyFailure(text), reason, text);
  });

  it('keeps the Fatal line as the detail, with the exit code', () => {
    assert.equal(
      failureDetail('noise\nFatal: wrong password or no key found\n', 1),
      'Fatal: wrong password or no key found (exit 1)',
    );
    assert.equal(failureDetail('', 3), 'no error output (exit 3)');
  });
});
