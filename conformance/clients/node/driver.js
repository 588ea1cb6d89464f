// Autobahn-style client driver for npm `ws`: asks the fuzzing server for the case count, runs every case by
// echoing each message back as received (text as text, binary as binary), then asks it to write the reports.
// Usage: node driver.js [ws://127.0.0.1:9001] [agent]
'use strict';
const WebSocket = require('ws');

const base = process.argv[2] || 'ws://127.0.0.1:9001';
const agent = process.argv[3] || `ws-${require('ws/package.json').version}`;

function open(path, onMessage) {
  return new Promise((resolve) => {
    // ws offers permessage-deflate by default. Its size limits are raised so that group 9 measures the protocol,
    // not the defaults: maxPayload (100 MiB default) and maxFragments (16384 by default in ws 8.23: 9.3.1/9.4.1
    // send 65536 fragments and are failed with 1008 under it; 0 = no limit).
    const socket = new WebSocket(base + path, { maxPayload: 64 * 1024 * 1024, maxFragments: 0 });
    socket.on('message', (data, isBinary) => onMessage(socket, data, isBinary));
    socket.on('error', () => {});
    socket.on('close', () => resolve());
  });
}

async function main() {
  let count = 0;
  await open('/getCaseCount', (_, data) => { count = parseInt(data.toString(), 10); });
  console.log(`running ${count} cases as agent ${agent}`);
  for (let i = 1; i <= count; i++) {
    await open(`/runCase?case=${i}&agent=${encodeURIComponent(agent)}`, (socket, data, isBinary) => {
      socket.send(data, { binary: isBinary });
    });
  }
  await open(`/updateReports?agent=${encodeURIComponent(agent)}`, () => {});
}

main().catch((err) => { console.error(err); process.exit(1); });
