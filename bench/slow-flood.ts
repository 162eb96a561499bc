// The slow-connection flood for bench:floods, run as its own process so its 10,000s of sockets do
// not share the measuring process's event loop or descriptors. Usage:
//   tsx bench/slow-flood.ts <port> <sockets> <per-address> <max-seconds>
// Opens `sockets` connections to 127.0.0.1:<port> from loopback addresses 127.1.x.y
// (`per-address` each, under MAX_CONNECTIONS_PER_CLIENT so none is refused for the cap), each
// sending an unfinished request header and one more byte every 2 s, and reopens every one the
// server closes (as a slow-loris attacker does). Prints one JSON line a second ({ live, opened,
// closedByServer, errors }) and a last one at the end. Stops by itself after <max-seconds> or at
// SIGTERM, destroying every socket.
import { connect, type Socket } from "node:net";

const [port, total, perAddress, maxSeconds] = process.argv.slice(2).map(Number);
const sockets = new Set<Socket>();
const stats = { live: 0, opened: 0, closedByServer: 0, errors: 0, lastError: "" };
let stopping = false;

const addressOf = (i: number) => {
  const n = Math.floor(i / perAddress) + 1;
  return `127.1.${n >> 8}.${n & 255}`;
};

function open(i: number): void {
  if (stopping) return;
  const socket = connect({ host: "127.0.0.1", port, localAddress: addressOf(i) });
  sockets.add(socket);
  let drip: NodeJS.Timeout | undefined;
  socket.once("connect", () => {
    stats.opened++;
    socket.write("POST /channels/ussd HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    drip = setInterval(() => socket.writable && socket.write("x"), 2000);
  });
  socket.on("error", (error) => {
    stats.errors++;
    stats.lastError = (error as NodeJS.ErrnoException).code ?? String(error);
  });
  socket.once("close", () => {
    clearInterval(drip);
    sockets.delete(socket);
    if (stopping) return;
    stats.closedByServer++;
    // reopen after a pause, as an attacker keeping the count up would
    setTimeout(() => open(i), 250);
  });
}

function stop(): void {
  if (stopping) return;
  stopping = true;
  for (const s of sockets) s.destroy();
  stats.live = 0;
  console.log(JSON.stringify({ ...stats, done: true }));
  setTimeout(() => process.exit(0), 200);
}

process.on("SIGTERM", stop);
// the measuring process went away: stop too
process.stdout.on("error", stop);
setTimeout(stop, maxSeconds * 1000);
setInterval(() => {
  stats.live = [...sockets].filter((s) => !s.connecting && !s.destroyed).length;
  console.log(JSON.stringify(stats));
}, 1000);

// open in batches so the kernel's accept queue is not the thing being measured
let next = 0;
const opener = setInterval(() => {
  for (let k = 0; k < 500 && next < total; k++) open(next++);
  if (next >= total) clearInterval(opener);
}, 50);
