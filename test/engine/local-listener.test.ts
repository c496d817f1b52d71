// The monitor's early socket: a program may connect before the gRPC server exists, and is answered once it does.
import * as fs from "fs";
import * as net from "net";
import { emptypb, enginePb, engineGrpc, grpc } from "../../engine/grpc";
import { LocalListener } from "../../engine/local-listener";

/** A gRPC server answering GetRootResource with a fixed URN, fed by the listener. */
function serveFrom(listener: LocalListener): import("@grpc/grpc-js").Server {
  const server = new grpc.Server();
  server.addService(engineGrpc.EngineService, {
    log: (_c: unknown, cb: (e: null, r: unknown) => void) => cb(null, new emptypb.Empty()),
    getRootResource: (_c: unknown, cb: (e: null, r: unknown) => void) =>
      cb(null, new enginePb.GetRootResourceResponse().setUrn("urn:root")),
    setRootResource: (_c: unknown, cb: (e: null, r: unknown) => void) =>
      cb(null, new enginePb.SetRootResourceResponse()),
  });
  const injector = server.createConnectionInjector(grpc.ServerCredentials.createInsecure());
  listener.handTo((socket) => injector.injectConnection(socket));
  return server;
}

function rootUrn(client: any): Promise<string> {
  return new Promise((resolve, reject) =>
    client.getRootResource(
      new enginePb.GetRootResourceRequest(),
      { deadline: Date.now() + 5000 },
      (e: Error | null, r: any) => (e ? reject(e) : resolve(r.getUrn())),
    ),
  );
}

const socketPath = (listener: LocalListener) => listener.address.replace(/^unix:/, "");

describe("LocalListener", () => {
  it("holds a call made before the server exists and has it answered once the server takes the connection", async () => {
    const listener = await LocalListener.open();
    const client = new engineGrpc.EngineClient(listener.address, grpc.credentials.createInsecure());
    const answer = rootUrn(client);
    // Let the client connect and send while no server is there.
    await new Promise((r) => setTimeout(r, 150));
    const server = serveFrom(listener);
    try {
      await expect(answer).resolves.toBe("urn:root");
      // Later connections go straight to the server.
      const second = new engineGrpc.EngineClient(listener.address, grpc.credentials.createInsecure());
      await expect(rootUrn(second)).resolves.toBe("urn:root");
      second.close();
    } finally {
      client.close();
      server.forceShutdown();
      listener.close();
    }
  });

  if (process.platform !== "win32") {
    it("listens on a unix socket in its own directory, removed on close", async () => {
      const listener = await LocalListener.open();
      expect(listener.address).toMatch(/^unix:.*pulumi-engine-[^/]+\/monitor\.sock$/);
      expect(fs.existsSync(socketPath(listener))).toBe(true);
      listener.close();
      expect(fs.existsSync(socketPath(listener).replace(/\/monitor\.sock$/, ""))).toBe(false);
    });

    it("drops connections no server took when it closes", async () => {
      const listener = await LocalListener.open();
      const socket = net.connect(socketPath(listener));
      await new Promise((r) => socket.once("connect", r));
      // The server side is accepted asynchronously; wait for it to be queued.
      await new Promise((r) => setTimeout(r, 50));
      const closed = new Promise((r) => socket.once("close", r));
      listener.close();
      await expect(closed).resolves.toBeDefined();
    });
  }
});
