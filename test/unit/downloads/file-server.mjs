// A loopback file server in its own process, so the loop being measured does only the app's work.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
const MB = 1024 * 1024;
const zip = readFileSync(process.argv[2]);
const chunk = Buffer.alloc(MB, 1);
chunk.write('glTF', 0, 'latin1');
const server = createServer((req, res) => {
  if (req.url === '/model.zip') {
    res.writeHead(200, { 'content-length': zip.length });
    return void res.end(zip);
  }
  res.writeHead(200, { 'content-length': 200 * MB });
  let sent = 0;
  const pump = () => {
    while (sent < 200 * MB) {
      sent += MB;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
