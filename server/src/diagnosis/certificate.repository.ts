import { Injectable } from '@nestjs/common';
import { connect } from 'node:tls';
import type { PeerCertificate } from './diagnosis-rules';

const TIMEOUT_MS = 3000;

/** Reads the certificate the proxy presents for a name (the handshake only; no request is sent). */
@Injectable()
export class CertificateRepository {
  peer(host: string, port: number, servername: string): Promise<PeerCertificate> {
    return new Promise((resolve, reject) => {
      // Not verified here: an expired or internal certificate is what we want to read and describe.
      const socket = connect({ host, port, servername, rejectUnauthorized: false, timeout: TIMEOUT_MS });
      const fail = (error: Error) => {
        socket.destroy();
        reject(error);
      };
      socket.once('timeout', () => fail(new Error(`no TLS answer from ${host}:${port} within ${TIMEOUT_MS} ms`)));
      socket.once('error', fail);
      socket.once('secureConnect', () => {
        const cert = socket.getPeerCertificate();
        socket.end();
        if (!cert?.valid_to) return reject(new Error(`${host}:${port} presented no certificate for ${servername}`));
        const reason = socket.authorizationError ? String(socket.authorizationError) : undefined;
        resolve({
          validTo: new Date(cert.valid_to),
          trusted: socket.authorized,
          issuer: [cert.issuer?.O ?? cert.issuer?.CN ?? '?'].flat().join(', '),
          ...(reason ? { reason } : {}),
        });
      });
    });
  }
}
