import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

/**
 * A tiny authoritative DNS server on loopback for tests: answers A queries from `table` (name →
 * IPv4 addresses), NOERROR with no answer for another type of a known name, NXDOMAIN otherwise.
 * Only what c-ares (node:dns Resolver) sends is understood: one question, no compression in it.
 */
export class DnsServer {
  private socket: Socket | undefined;
  port = 0;
  readonly queries: string[] = [];

  constructor(private readonly table: Record<string, string[]>) {}

  /** `127.0.0.1:<port>`, as DNS_SERVERS takes it. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const socket = createSocket('udp4');
    this.socket = socket;
    socket.on('message', (query, peer) => this.answer(query, peer));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    this.port = socket.address().port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.socket ? this.socket.close(() => resolve()) : resolve()));
  }

  private answer(query: Buffer, peer: RemoteInfo): void {
    if (query.length < 12) return;
    let offset = 12;
    const labels: string[] = [];
    while (offset < query.length && query[offset] !== 0) {
      labels.push(query.subarray(offset + 1, offset + 1 + query[offset]).toString('ascii'));
      offset += 1 + query[offset];
    }
    const questionEnd = offset + 5; // the zero byte, then type and class
    if (questionEnd > query.length) return;
    const name = labels.join('.').toLowerCase();
    const type = query.readUInt16BE(offset + 1);
    this.queries.push(`${type === 1 ? 'A' : type === 28 ? 'AAAA' : type} ${name}`);
    const known = Object.hasOwn(this.table, name);
    const addresses = known && type === 1 ? this.table[name] : [];
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2); // id
    // QR, opcode 0, AA, RD copied; RA; RCODE 0 or 3 (NXDOMAIN).
    header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | 0x0080 | (known ? 0 : 3), 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(addresses.length, 6);
    const records = addresses.map((address) => {
      const record = Buffer.alloc(16);
      record.writeUInt16BE(0xc00c, 0); // the question's name
      record.writeUInt16BE(1, 2); // A
      record.writeUInt16BE(1, 4); // IN
      record.writeUInt32BE(60, 6);
      record.writeUInt16BE(4, 10);
      address.split('.').forEach((byte, i) => record.writeUInt8(Number(byte), 12 + i));
      return record;
    });
    const reply = Buffer.concat([header, query.subarray(12, questionEnd), ...records]);
    this.socket?.send(reply, peer.port, peer.address);
  }
}
