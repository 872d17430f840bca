import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds used so far by the local PostgreSQL server's processes (Linux /proc), or null when
 * there is none to read. Taken before and after a phase, it tells how much of a phase's work the
 * database did: on this 2-core machine the server and the database share the cores.
 */
export function postgresCpuSeconds(): number | null {
  let ticks = 0;
  let found = false;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    if (name !== 'postgres') continue;
    found = true;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime: fields 14 and 15 of stat, 12 and 13 after the name.
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return found ? ticks / 100 : null;
}
