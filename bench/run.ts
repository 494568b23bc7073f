/** npm run bench -- <name>: runs bench/<name>.ts, which prints its figures and a final RESULT line. */
export {};

const name = process.argv[2] ?? '';
if (!/^[a-z0-9-]+$/.test(name)) {
  console.error('Usage: npm run bench -- <name>   (for example: npm run bench -- viewport)');
  process.exit(2);
}
try {
  await import(`./${name}.ts`);
} catch (error) {
  if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes(`${name}.ts`)) {
    console.error(`There is no bench called "${name}".`);
    process.exit(2);
  }
  throw error;
}
