/**
 * The bytes a server sent are not an HTTP/1.x answer this client can read (a bad status line or
 * framing, a body over the limit, a content coding it cannot undo); `message` says what and where.
 */
export class Http1ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Http1ProtocolError';
  }
}
