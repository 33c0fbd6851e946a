import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { smtpProblem } from './smtp.repository';

describe('SMTP problems', () => {
  it('names what a person can act on from nodemailer’s codes', () => {
    assert.equal(smtpProblem(Object.assign(new Error('x'), { code: 'ECONNECTION' })), 'unreachable');
    assert.equal(smtpProblem(Object.assign(new Error('x'), { code: 'ESOCKET' })), 'unreachable');
    assert.equal(smtpProblem(Object.assign(new Error('x'), { code: 'ETIMEDOUT' })), 'unreachable');
    assert.equal(smtpProblem(Object.assign(new Error('x'), { code: 'EDNS' })), 'unreachable');
    assert.equal(smtpProblem(Object.assign(new Error('x'), { code: 'ETLS' })), 'tls');
    assert.equal(smtpProblem(Object.assign(new Error('x'), { code: 'EAUTH', responseCode: 535 })), 'authRefused');
    assert.equal(smtpProblem(Object.assign(new Error('x'), { code: 'EENVELOPE', responseCode: 550 })), 'refused');
    assert.equal(smtpProblem(Object.assign(new Error('x'), { responseCode: 554 })), 'refused');
    assert.equal(smtpProblem(new Error('odd')), 'failed');
    assert.equal(smtpProblem(null), 'failed');
  });
});
