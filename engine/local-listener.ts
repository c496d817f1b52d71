// The monitor's socket, opened before any gRPC code loads: the program is spawned against it at once and starts while
// the engine loads its server, which then takes the connections that arrived first (gRPC's public connection
// injector). Loading gRPC and the protocol stubs costs about as long as the program's first steps, so they overlap.
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";

export class LocalListener {
  private readonly waiting: net.Socket[] = [];
  private take?: (socket: net.Socket) => void;

  private constructor(
    private readonly server: net.Server,
    /** A gRPC target: `unix:<path>`, or `127.0.0.1:<port>` where unix sockets are not available. */
    readonly address: string,
    private readonly socketDir?: string,
  ) {
    server.on("connection", (socket) => (this.take ? this.give(socket) : this.waiting.push(socket)));
  }

  /** Listens on a fresh unix socket in its own temporary directory (on Windows, an ephemeral localhost port). */
  static open(): Promise<LocalListener> {
    // Paused sockets read nothing until their new owner starts reading, so no byte is read before gRPC has them.
    const server = net.createServer({ pauseOnConnect: true });
    const unix = process.platform !== "win32";
    const socketDir = unix ? fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-engine-")) : undefined;
    const socketPath = socketDir && path.join(socketDir, "monitor.sock");
    return new Promise((resolve, reject) => {
      server.once("error", (e) => {
        if (socketDir) fs.rmSync(socketDir, { recursive: true, force: true });
        reject(e);
      });
      const ready = () => {
        const port = (server.address() as net.AddressInfo | null)?.port;
        resolve(new LocalListener(server, socketPath ? `unix:${socketPath}` : `127.0.0.1:${port}`, socketDir));
      };
      if (socketPath) server.listen(socketPath, ready);
      else server.listen(0, "127.0.0.1", ready);
    });
  }

  /** Hands the connections accepted so far, and every later one, to `take`. */
  handTo(take: (socket: net.Socket) => void): void {
    this.take = take;
    for (const socket of this.waiting.splice(0)) this.give(socket);
  }

  /** The new owner attaches its readers first; only then may the paused socket read. */
  private give(socket: net.Socket): void {
    this.take!(socket);
    socket.resume();
  }

  /** Stops listening, drops connections no one took, and removes the socket's directory. */
  close(): void {
    this.server.close();
    for (const socket of this.waiting.splice(0)) socket.destroy();
    if (this.socketDir) fs.rmSync(this.socketDir, { recursive: true, force: true });
  }
}
