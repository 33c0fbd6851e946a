import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkText, countByStatus, reportText } from './diagnosis-text';
import { en } from './i18n/en';
import { fr } from './i18n/fr';
import { tEn, tFr } from './i18n/translator.fixtures.spec';

const missing = {
  id: 'dns:pad.fabrique.example.org',
  status: 'error' as const,
  messageKey: 'diagnosis.dns.missing',
  params: { name: 'pad.fabrique.example.org', addresses: '—', expected: '203.0.113.10' },
  detail: 'pad.fabrique.example.org → A/AAAA: —; expected: 203.0.113.10',
};

describe('diagnosis texts', () => {
  it('words a check in French with what to do, from its key and params', () => {
    const text = checkText(missing, 'fr', tFr);
    assert.equal(text.label, 'Adresse pad.fabrique.example.org');
    assert.equal(text.status, 'À corriger');
    assert.equal(text.message, 'pad.fabrique.example.org n’existe pas encore.');
    assert.match(text.todo ?? '', /type A pour pad\.fabrique\.example\.org avec la valeur 203\.0\.113\.10/);
  });

  it('translates feature names and leaves out « what to do » when there is nothing to do', () => {
    const text = checkText(
      { id: 'feature:pad', status: 'ok', messageKey: 'diagnosis.feature.healthy', params: { feature: 'pad' } },
      'en',
      tEn,
    );
    assert.deepEqual(text, { label: en['feature.pad.name'], status: 'Fine', message: 'Works.' });
  });

  it('says plainly when a key is unknown to this page', () => {
    const text = checkText(
      { id: 'ports', status: 'unknown', messageKey: 'diagnosis.ports.new', params: {} },
      'fr',
      tFr,
    );
    assert.equal(text.message, fr['diagnosis.unknownMessage']);
    assert.equal(text.label, 'Vérification ports');
  });

  it('builds a plain-text report with each check, its advice and its detail', () => {
    const report = reportText(
      [missing],
      { domain: 'fabrique.example.org', checkedAt: '2026-12-01T10:00:00Z' },
      'fr',
      tFr,
    );
    assert.match(report, /^Diagnostic de fabrique\.example\.org, /);
    assert.match(report, /\[À corriger\] Adresse pad\.fabrique\.example\.org/);
    assert.match(report, /→ Chez votre fournisseur/);
    assert.match(report, /\(pad\.fabrique\.example\.org → A\/AAAA: —; expected: 203\.0\.113\.10\)/);
    assert.deepEqual(countByStatus([missing]), { ok: 0, warning: 0, error: 1, unknown: 0 });
  });
});
