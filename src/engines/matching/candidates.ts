/**
 * Candidate generation: which volunteers can take a need at all, without looking at every one.
 *
 * Distance is a hard rule (a volunteer only goes as far as their maxDistanceKm), so a grid of
 * square cells over the volunteers' homes, each cell knowing the longest reach among its
 * volunteers, gives exactly the volunteers who might be close enough: a cell whose nearest edge is
 * farther from the need than every reach in it holds no one. Planar distances on the grid are a
 * slight underestimate of the great-circle distance (see `SHRINK`), so the grid never drops a
 * volunteer who is in reach; the exact rule (isEligible) decides for the rest.
 *
 * The cheap necessary checks (free capacity, help type, screenings, weekday) run on bit masks in
 * typed arrays before the exact rules, which compare strings and dates.
 *
 * For the bulk solver, `best()` finds the k best candidates of a need and stops early: every ring
 * of cells around the need, every cell and every volunteer has an upper bound on the score it could
 * give (distance no shorter than the planar bound, the language and load parts at their best).
 * Cells are visited ring by ring outwards, each cell's volunteers in falling load part, and the
 * search stops where no bound can beat the k-th kept candidate. What is skipped scores no more
 * than that, which is what lets assignAll prove afterwards that the skipped pairs could not have
 * improved the assignment. Each help type (and weekday, see MAX_DAY_GRID_CELLS) has its own grid
 * of free volunteers, so a need only looks at those who offer its kind of help on its day.
 *
 * Assumes a region that does not straddle the antimeridian (a city, a province).
 */
import { distanceKm } from '../geo/distance.ts';
import { isEligible, weekday } from './constraints.ts';
import { combineScore, distancePart, loadPart, scoreOnly } from './score.ts';
import type { Need, Volunteer, Weights } from './types.ts';

/** Kilometres per degree on the sphere distanceKm() uses. */
const KM_PER_DEGREE = (6371.0088 * Math.PI) / 180;
/** Planar distances are shrunk by half a percent so they stay below the great-circle distance. */
const SHRINK = 0.995;
const CELL_KM = 1;
/** Grids per help type and weekday are built while they need at most this many cells in all. */
const MAX_DAY_GRID_CELLS = 2_000_000;

/** Strings (help types, languages, screenings) as bits; past 31 distinct strings a string gets no bit and is checked exactly. */
class Bits {
  private readonly bits = new Map<string, number>();
  add(value: string): number {
    let bit = this.bits.get(value);
    if (bit === undefined) {
      bit = this.bits.size < 31 ? 1 << this.bits.size : 0;
      this.bits.set(value, bit);
    }
    return bit;
  }
  mask(values: readonly string[]): number {
    let mask = 0;
    for (const value of values) mask |= this.add(value);
    return mask;
  }
  /** How many strings have a bit. */
  get size(): number {
    return Math.min(31, this.bits.size);
  }
  /** undefined: no volunteer has it; 0: known but without a bit. */
  find(value: string): number | undefined {
    return this.bits.get(value);
  }
}

/** What a search needs to know about one need, worked out once. */
export interface Query {
  x: number;
  y: number;
  /** Whether the need has a usable place; without one every cell is searched. */
  placed: boolean;
  /** False when nobody offers the help type or has a required screening. */
  possible: boolean;
  /** Scales planar east-west distances down when the need lies farther from the equator than every volunteer. */
  xScale: number;
  help: number;
  screens: number;
  dayBit: number;
  /** The need's languages that volunteers speak, as bits; `otherLanguages` are those without a bit. */
  languages: number;
  otherLanguages: string[];
  /** Any volunteer may share a language with the need as far as the bits tell (see languageBound). */
  anyLanguage: boolean;
  /**
   * The need's time as a class (see VolunteerIndex.timeClass), or -1: a moment, with no picked or
   * excluded volunteers, no means required and every language with a bit. Then the bits and the
   * class decide the rules exactly for a plain volunteer (see exactCost).
   */
  plain: number;
}

export interface BestCandidates {
  /** Volunteer positions in the index, best first (score, then position). */
  volunteers: number[];
  scores: number[];
  /**
   * Every pair left out costs at least this much (100 - score); Infinity when none was left out.
   * Only meaningful without `accept`.
   */
  threshold: number;
}

/** What improving() needs of the solver's prices: see VolunteerIndex.pricedOrder. */
export interface PricedOrder {
  /** By volunteer position. */
  price: Float64Array;
  /** By position in the cells' order (ItemData): the price, and the price less the load part. */
  priceAt: Float64Array;
  key: Float64Array;
  /** 100 / the sum of the weights: points of score per unit of weighted part. */
  scale: number;
  /** A grid's items as positions in the cells' order, the given cell in rising key (the others as they come). */
  items: (grid: Grid, cell: number) => Int32Array;
}

/** Volunteers by grid cell: those of cell c are items[start[c] .. end[c] - 1], best load part first; with per-cell bounds. */
interface Grid {
  start: Int32Array;
  end: Int32Array;
  items: Int32Array;
  /** Longest reach, best load part, and languages spoken (as bits), per cell. */
  reach: Float64Array;
  load: Float64Array;
  languages: Int32Array;
  /** The best load part anywhere in the grid. */
  maxLoad: number;
  /** Each item's position in the cells' order (see VolunteerIndex.inCell), where the search reads its data. */
  at: Int32Array;
}

/**
 * The volunteers' place, reach, load part, screenings, weekdays and languages, copied in the order
 * of the cells (VolunteerIndex.cellItems). Every grid lists its items in that order too, so the
 * search reads them forwards through memory instead of one cache miss per volunteer scattered over
 * the whole pool (about twice as fast on the benchmark's 200,000 volunteers). Grids point into
 * this one copy rather than copying it again: seven copies per volunteer made the index large
 * enough to set off the garbage collector's full sweeps.
 */
interface ItemData {
  x: Float64Array;
  y: Float64Array;
  reach: Float64Array;
  load: Float64Array;
  screens: Int32Array;
  days: Int32Array;
  languages: Int32Array;
}

export class VolunteerIndex {
  readonly volunteers: readonly Volunteer[];
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly reach: Float64Array;
  private readonly free: Int32Array;
  private readonly help: Int32Array;
  private readonly language: Int32Array;
  private readonly screens: Int32Array;
  private readonly days: Int32Array;
  private readonly load: Float64Array;
  private readonly helpBits = new Bits();
  private readonly languageBits = new Bits();
  private readonly screenBits = new Bits();

  private readonly latOrigin: number;
  private readonly nx: number;
  private readonly ny: number;
  private readonly cellKm: number;
  private readonly cosMin: number;
  private readonly lon0: number;
  private readonly cellStart: Int32Array;
  /** Each cell's volunteers: those with free capacity first, most free (best load part) first, up to cellFreeEnd; then the rest. */
  private readonly cellItems: Int32Array;
  private readonly cellFreeEnd: Int32Array;
  /** Longest reach of anyone in the cell, and for volunteers with free capacity the best load part and the languages spoken. */
  private readonly cellReach: Float64Array;
  private readonly cellLoad: Float64Array;
  private readonly cellLanguages: Int32Array;
  /** The free volunteers who offer each help type (by bit position): a search looks only at those. */
  private readonly helpGrids: Grid[] = [];
  /** The same per help type and weekday (help bit * 7 + day), when the grid is small enough; else empty. */
  private readonly dayGrids: Grid[] = [];
  private readonly freeGrid: Grid;
  private readonly inCell: ItemData;
  private readonly allGrid: Grid;
  private readonly maxReach: number;
  /** Volunteers without a usable home: checked for every need, as the rules would. */
  private readonly anywhere: number[] = [];
  private helpersByHousehold: Map<string, number[]> | null = null;
  /** Volunteers whose rules the bits decide: never away, any commitment, a usable home and reach (see exactCost). */
  private readonly plain: Uint8Array;
  /** Per time of day a moment asks for (start and end): each volunteer's weekdays with a slot that covers it. */
  private readonly timeClasses = new Map<string, number>();
  private readonly covering: Uint8Array[] = [];
  private readonly stamp: Int32Array;
  private generation = 0;

  constructor(volunteers: readonly Volunteer[]) {
    this.volunteers = volunteers;
    const n = volunteers.length;
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    this.reach = new Float64Array(n);
    this.free = new Int32Array(n);
    this.help = new Int32Array(n);
    this.language = new Int32Array(n);
    this.screens = new Int32Array(n);
    this.days = new Int32Array(n);
    this.load = new Float64Array(n);
    this.stamp = new Int32Array(n);
    this.plain = new Uint8Array(n);

    let maxAbsLat = 0;
    let minLat = Number.POSITIVE_INFINITY;
    let minLon = Number.POSITIVE_INFINITY;
    let maxReach = 0;
    const placed = (v: Volunteer) => Number.isFinite(v.home.lat) && Number.isFinite(v.home.lon);
    volunteers.forEach((v, k) => {
      // NaN never fails a "farther than" test, so such a reach covers everything.
      this.reach[k] = Number.isNaN(v.maxDistanceKm) ? Number.POSITIVE_INFINITY : v.maxDistanceKm;
      this.free[k] = v.capacity - v.activeMatches;
      this.help[k] = this.helpBits.mask(v.helpTypes);
      this.language[k] = this.languageBits.mask(v.languages);
      this.screens[k] = this.screenBits.mask(v.screenings);
      for (const slot of v.slots) if (slot.day >= 0 && slot.day <= 6) this.days[k]! |= 1 << slot.day;
      this.load[k] = loadPart(v);
      this.plain[k] =
        v.away.length === 0 &&
        (v.commitment ?? 'both') === 'both' &&
        Number.isFinite(v.maxDistanceKm) &&
        placed(v)
          ? 1
          : 0;
      if (!placed(v)) {
        this.anywhere.push(k);
        return;
      }
      maxAbsLat = Math.max(maxAbsLat, Math.abs(v.home.lat));
      minLat = Math.min(minLat, v.home.lat);
      minLon = Math.min(minLon, v.home.lon);
      maxReach = Math.max(maxReach, this.reach[k]!);
    });
    this.maxReach = maxReach;
    this.cosMin = Math.cos((Math.min(89, maxAbsLat) * Math.PI) / 180);
    this.lon0 = Number.isFinite(minLon) ? minLon : 0;
    const lat0 = Number.isFinite(minLat) ? minLat : 0;
    this.latOrigin = lat0;

    let maxX = 0;
    let maxY = 0;
    volunteers.forEach((v, k) => {
      if (!placed(v)) return;
      this.x[k] = (v.home.lon - this.lon0) * KM_PER_DEGREE * this.cosMin * SHRINK;
      this.y[k] = (v.home.lat - lat0) * KM_PER_DEGREE * SHRINK;
      maxX = Math.max(maxX, this.x[k]!);
      maxY = Math.max(maxY, this.y[k]!);
    });
    // At most a few cells per volunteer however wide the region is: a small pool spread far stays small.
    const maxCells = Math.max(1024, 4 * n);
    let cellKm = CELL_KM;
    while ((Math.floor(maxX / cellKm) + 1) * (Math.floor(maxY / cellKm) + 1) > maxCells) cellKm *= 2;
    this.cellKm = cellKm;
    this.nx = Math.floor(maxX / cellKm) + 1;
    this.ny = Math.floor(maxY / cellKm) + 1;

    const cells = this.nx * this.ny;
    const cellOf = new Int32Array(n).fill(-1);
    this.cellStart = new Int32Array(cells + 1);
    volunteers.forEach((v, k) => {
      if (!placed(v)) return;
      const cell = this.cellAt(this.x[k]!, this.y[k]!);
      cellOf[k] = cell;
      this.cellStart[cell + 1]! += 1;
    });
    for (let c = 0; c < cells; c++) this.cellStart[c + 1]! += this.cellStart[c]!;
    // Free volunteers first, best load part first: a search can stop in a cell at the first one whose bound is too low.
    // Into the cells by position first, then each cell sorted on its own (cheaper than one sort of the pool).
    const fill = this.cellStart.slice(0, cells);
    this.cellItems = new Int32Array(this.cellStart[cells]!);
    for (let k = 0; k < n; k++) if (cellOf[k]! >= 0) this.cellItems[fill[cellOf[k]!]!++] = k;
    const rank = Float64Array.from({ length: n }, (_, k) =>
      this.free[k]! > 0 ? this.load[k]! : Number.NEGATIVE_INFINITY,
    );
    const byRank = (a: number, b: number) => rank[b]! - rank[a]! || a - b;
    for (let c = 0; c < cells; c++)
      if (this.cellStart[c + 1]! - this.cellStart[c]! > 1)
        this.cellItems.subarray(this.cellStart[c]!, this.cellStart[c + 1]!).sort(byRank);
    this.cellFreeEnd = this.cellStart.slice(0, cells);
    this.cellReach = new Float64Array(cells);
    this.cellLoad = new Float64Array(cells).fill(Number.NEGATIVE_INFINITY);
    this.cellLanguages = new Int32Array(cells);
    for (const k of this.cellItems) {
      const cell = cellOf[k]!;
      if (this.free[k]! > 0) this.cellFreeEnd[cell]! += 1;
      this.cellReach[cell] = Math.max(this.cellReach[cell]!, this.reach[k]!);
      if (this.free[k]! > 0) {
        this.cellLoad[cell] = Math.max(this.cellLoad[cell]!, this.load[k]!);
        this.cellLanguages[cell]! |= this.language[k]!;
      }
    }
    let maxLoad = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < n; k++) if (this.free[k]! > 0) maxLoad = Math.max(maxLoad, this.load[k]!);
    const identity = Int32Array.from(this.cellItems.keys());
    this.allGrid = {
      at: identity,
      maxLoad,
      start: this.cellStart,
      end: this.cellStart.subarray(1),
      items: this.cellItems,
      reach: this.cellReach,
      load: this.cellLoad,
      languages: this.cellLanguages,
    };
    this.freeGrid = {
      at: identity,
      maxLoad,
      start: this.cellStart,
      end: this.cellFreeEnd,
      items: this.cellItems,
      reach: this.cellReach,
      load: this.cellLoad,
      languages: this.cellLanguages,
    };

    // The same, per help type, free volunteers only (each appears once per help type offered),
    // with each item's data copied beside it (see ItemData). Built from the volunteers in cell
    // order (cellItems), so that every grid is filled front to back and its items keep the order
    // the cell has (best load part first), reading the pool's data in one run rather than at random.
    const count = this.cellItems.length;
    const inCell: ItemData = {
      x: new Float64Array(count),
      y: new Float64Array(count),
      reach: new Float64Array(count),
      load: new Float64Array(count),
      screens: new Int32Array(count),
      days: new Int32Array(count),
      languages: new Int32Array(count),
    };
    for (let at = 0; at < count; at++) {
      const k = this.cellItems[at]!;
      inCell.x[at] = this.x[k]!;
      inCell.y[at] = this.y[k]!;
      inCell.reach[at] = this.reach[k]!;
      inCell.load[at] = this.load[k]!;
      inCell.screens[at] = this.screens[k]!;
      inCell.days[at] = this.days[k]!;
      inCell.languages[at] = this.language[k]!;
    }
    this.inCell = inCell;
    const cellOfItem = new Int32Array(count);
    for (let c = 0; c < cells; c++) cellOfItem.fill(c, this.cellStart[c]!, this.cellStart[c + 1]!);
    const gridOf = (members: Int32Array): Grid => {
      const start = new Int32Array(cells + 1);
      for (const at of members) start[cellOfItem[at]! + 1]! += 1;
      for (let c = 0; c < cells; c++) start[c + 1]! += start[c]!;
      const grid: Grid = {
        start,
        end: start.subarray(1),
        items: new Int32Array(members.length),
        reach: new Float64Array(cells),
        load: new Float64Array(cells).fill(Number.NEGATIVE_INFINITY),
        languages: new Int32Array(cells),
        maxLoad: Number.NEGATIVE_INFINITY,
        at: members,
      };
      // Members come in cell order, so the i-th is the i-th item.
      for (let i = 0; i < members.length; i++) {
        const at = members[i]!;
        const cell = cellOfItem[at]!;
        grid.items[i] = this.cellItems[at]!;
        grid.maxLoad = Math.max(grid.maxLoad, inCell.load[at]!);
        grid.reach[cell] = Math.max(grid.reach[cell]!, inCell.reach[at]!);
        grid.load[cell] = Math.max(grid.load[cell]!, inCell.load[at]!);
        grid.languages[cell]! |= inCell.languages[at]!;
      }
      return grid;
    };
    // And per help type and weekday, for needs on a given day: a volunteer free on other days only
    // is not in the way. Only while the cells are few enough (a region-sized grid) that seven
    // grids per help type cost little memory.
    const dayGrids = cells * this.helpBits.size * 7 <= MAX_DAY_GRID_CELLS;
    // Which grids each free volunteer is in: counted first, then listed, in cell order.
    const helpCount = this.helpBits.size;
    const gridCount = helpCount * (dayGrids ? 8 : 1);
    const forEachGrid = (at: number, visit: (grid: number) => void) => {
      const help = this.help[this.cellItems[at]!]!;
      const days = inCell.days[at]!;
      for (let bit = 0; bit < helpCount; bit++) {
        if ((help & (1 << bit)) === 0) continue;
        visit(bit);
        if (dayGrids)
          for (let day = 0; day < 7; day++) if ((days & (1 << day)) !== 0) visit(helpCount + bit * 7 + day);
      }
    };
    const sizes = new Int32Array(gridCount);
    const tally = (grid: number) => {
      sizes[grid]! += 1;
    };
    for (let c = 0; c < cells; c++)
      for (let at = this.cellStart[c]!; at < this.cellFreeEnd[c]!; at++) forEachGrid(at, tally);
    // One buffer for all the lists: few large allocations.
    const all = new Int32Array(sizes.reduce((sum, size) => sum + size, 0));
    let from = 0;
    const members = Array.from(sizes, (size) => {
      from += size;
      return all.subarray(from - size, from);
    });
    sizes.fill(0);
    let current = 0;
    const list = (grid: number) => {
      members[grid]![sizes[grid]!++] = current;
    };
    // A cell's free volunteers are the front of its items.
    for (let c = 0; c < cells; c++)
      for (current = this.cellStart[c]!; current < this.cellFreeEnd[c]!; current++)
        forEachGrid(current, list);
    for (let g = 0; g < gridCount; g++)
      (g < helpCount ? this.helpGrids : this.dayGrids).push(gridOf(members[g]!));
  }

  /** Where the free volunteers who may offer the need's help type are. */
  private gridFor(q: Query): Grid {
    if (q.help === 0) return this.freeGrid;
    const bit = 31 - Math.clz32(q.help);
    if (q.dayBit !== 0 && this.dayGrids.length > 0)
      return this.dayGrids[bit * 7 + 31 - Math.clz32(q.dayBit)]!;
    return this.helpGrids[bit] ?? this.freeGrid;
  }

  private cellAt(x: number, y: number): number {
    const cx = Math.min(this.nx - 1, Math.max(0, Math.floor(x / this.cellKm)));
    const cy = Math.min(this.ny - 1, Math.max(0, Math.floor(y / this.cellKm)));
    return cy * this.nx + cx;
  }

  private query(need: Need): Query {
    const help = this.helpBits.find(need.helpType);
    // Nobody offers this help, or has one of the screenings: nobody can take it.
    let possible = help !== undefined;
    let screens = 0;
    // Every help type and screening with a bit of its own: then the bits decide them exactly.
    let bitsDecide = help !== undefined && help !== 0;
    for (const screening of need.requiredScreenings) {
      const bit = this.screenBits.find(screening);
      if (bit === undefined) possible = false;
      else screens |= bit;
      if (!bit) bitsDecide = false;
    }
    let languages = 0;
    const otherLanguages: string[] = [];
    for (const language of need.languages) {
      const bit = this.languageBits.find(language);
      if (bit === undefined) continue;
      if (bit === 0) otherLanguages.push(language);
      languages |= bit;
    }
    const { lat, lon } = need.location;
    const placed = Number.isFinite(lat) && Number.isFinite(lon);
    const timing = need.timing;
    const plain =
      timing.kind === 'moment' &&
      placed &&
      bitsDecide &&
      need.allowedVolunteerIds === undefined &&
      !need.excludedVolunteerIds?.length &&
      !need.requiredMeans?.length &&
      otherLanguages.length === 0
        ? this.timeClass(timing.start, timing.end)
        : -1;
    const cosNeed = placed ? Math.cos((Math.min(89, Math.abs(lat)) * Math.PI) / 180) : 1;
    return {
      x: placed ? (lon - this.lon0) * KM_PER_DEGREE * this.cosMin * SHRINK : 0,
      y: placed ? (lat - this.latOrigin) * KM_PER_DEGREE * SHRINK : 0,
      placed,
      possible,
      xScale: Math.min(1, cosNeed / this.cosMin),
      help: help ?? 0,
      screens,
      dayBit: need.timing.kind === 'moment' ? 1 << weekday(need.timing.date) : 0,
      languages,
      otherLanguages,
      anyLanguage: need.languages.length === 0 || otherLanguages.length > 0,
      plain,
    };
  }

  /** At most this many times of day get a class; needs at other times take the exact rules. */
  private static readonly TIME_CLASSES = 16;

  /**
   * The class of a moment's time of day: each volunteer's weekdays (bits) with a slot from before
   * `start` to after `end`, worked out once per class. -1 once there are TIME_CLASSES.
   */
  private timeClass(start: number, end: number): number {
    const key = `${start}-${end}`;
    let at = this.timeClasses.get(key);
    if (at === undefined) {
      if (this.covering.length >= VolunteerIndex.TIME_CLASSES) return -1;
      const days = new Uint8Array(this.volunteers.length);
      this.volunteers.forEach((v, k) => {
        for (const slot of v.slots)
          if (slot.day >= 0 && slot.day <= 6 && slot.start <= start && slot.end >= end)
            days[k]! |= 1 << slot.day;
      });
      at = this.covering.push(days) - 1;
      this.timeClasses.set(key, at);
    }
    return at;
  }

  /**
   * 100 - scoreOnly() where isEligible() holds, else NaN; for a volunteer who passed mayTake().
   * A plain need and a plain volunteer (see Query.plain) skip the string and date rules, which the
   * bits and the time class decide the same way, and measure the distance once for the rule and the
   * score: on the clustered bench the exact rules were a fifth of all the time.
   */
  private exactCost(need: Need, q: Query, k: number, weights: Weights): number {
    const v = this.volunteers[k]!;
    if (q.plain < 0 || this.plain[k] === 0)
      return isEligible(need, v) ? 100 - scoreOnly(need, v, weights) : Number.NaN;
    if ((this.covering[q.plain]![k]! & q.dayBit) === 0) return Number.NaN;
    const km = distanceKm(v.home, need.location);
    if (!(km <= v.maxDistanceKm)) return Number.NaN;
    const continuity = v.helpedHouseholds.length > 0 && v.helpedHouseholds.includes(need.householdId) ? 1 : 0;
    return (
      100 -
      combineScore(
        weights,
        distancePart(km, v.maxDistanceKm),
        need.languages.length === 0 || (this.language[k]! & q.languages) !== 0 ? 1 : 0,
        continuity,
        this.load[k]!,
      )
    );
  }

  /**
   * The needs' positions in an order that keeps neighbours together: by blocks of 8 x 8 grid cells,
   * then by cell, then by position. Searching in this order rather than by id touches the same
   * few cells' volunteers need after need while they are still in the processor's cache; it was
   * about twice as fast on the benchmark's 50,000 needs. Results do not depend on the order.
   */
  localOrder(needs: readonly Need[]): Int32Array {
    const key = new Float64Array(needs.length);
    const blocksX = Math.ceil(this.nx / 8);
    needs.forEach((need, at) => {
      const q = this.query(need);
      if (!q.placed) {
        key[at] = Number.POSITIVE_INFINITY;
        return;
      }
      const cell = this.cellAt(q.x, q.y);
      const cx = cell % this.nx;
      const cy = (cell - cx) / this.nx;
      key[at] = ((cy >> 3) * blocksX + (cx >> 3)) * 64 + (cy & 7) * 8 + (cx & 7);
    });
    return Int32Array.from(needs.keys()).sort((a, b) => key[a]! - key[b]! || a - b);
  }

  /** What unprove() needs of each need, worked out once: its search query. */
  queries(needs: readonly Need[]): readonly Query[] {
    return needs.map((need) => this.query(need));
  }

  /**
   * The proof's bookkeeping (see solveNeeds): clears the flag of every flagged need that one of
   * the given volunteers (whose prices fell) may now improve: eligible, with cost + price below
   * the need's value. The flagged needs are sorted by help type, weekday and cell, so a volunteer
   * looks only at those of the help types and days they offer within the rectangle of their
   * reach; the same bounds as improving() skip most of those before the exact rules.
   */
  unflagImproved(
    needs: readonly Need[],
    queries: readonly Query[],
    flags: Uint8Array,
    volunteers: readonly number[],
    price: Float64Array,
    value: Float64Array,
    weights: Weights,
  ): void {
    const cells = this.nx * this.ny;
    // A need's class: its help type's bit (31: a help type without a bit) and weekday (7: none).
    const classOf = (q: Query) =>
      (q.help === 0 ? 31 : 31 - Math.clz32(q.help)) * 8 + (q.dayBit === 0 ? 7 : 31 - Math.clz32(q.dayBit));
    const placedRows: number[] = [];
    const unplaced: number[] = [];
    const key = new Float64Array(queries.length);
    for (let row = 0; row < queries.length; row++) {
      const q = queries[row]!;
      if (!flags[row]) continue;
      if (!q.placed) unplaced.push(row);
      else {
        key[row] = classOf(q) * cells + this.cellAt(q.x, q.y);
        placedRows.push(row);
      }
    }
    const rows = Int32Array.from(placedRows).sort((a, b) => key[a]! - key[b]! || a - b);
    // The needs of one class and cell together (a bucket), with the highest value among them.
    const bucketKeys: number[] = [];
    const bucketStart: number[] = [];
    const bucketValue: number[] = [];
    rows.forEach((row, at) => {
      if (bucketKeys.at(-1) !== key[row]) {
        bucketKeys.push(key[row]!);
        bucketStart.push(at);
        bucketValue.push(value[row]!);
      } else bucketValue[bucketValue.length - 1] = Math.max(bucketValue.at(-1)!, value[row]!);
    });
    bucketStart.push(rows.length);
    const keys = Float64Array.from(bucketKeys);
    const lowerBound = (target: number) => {
      let lo = 0;
      let hi = keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (keys[mid]! < target) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const size = this.cellKm;
    let xScale = 1;
    for (const q of queries) if (q.placed) xScale = Math.min(xScale, q.xScale);
    const bounded =
      weights.distance >= 0 && weights.language >= 0 && weights.continuity >= 0 && weights.load >= 0;
    for (const k of volunteers) {
      if (this.free[k]! <= 0) continue;
      const v = this.volunteers[k]!;
      const reach = this.reach[k]!;
      const p = price[k]!;
      const everywhere =
        !Number.isFinite(v.home.lat) || !Number.isFinite(v.home.lon) || !Number.isFinite(reach);
      const continuity = v.helpedHouseholds.length > 0 ? 1 : 0;
      const consider = (row: number) => {
        const q = queries[row]!;
        if (!flags[row] || p >= value[row]! || !this.mayTake(q, k)) return;
        const km = everywhere || !q.placed ? 0 : this.planarKm(q, k);
        if (km > reach) return;
        const need = needs[row]!;
        if (bounded && !everywhere) {
          const language = this.languageBound(q, this.language[k]!);
          const best = combineScore(weights, distancePart(km, reach), language, continuity, this.load[k]!);
          if (100 - best + p >= value[row]!) return;
        }
        if (this.exactCost(need, q, k, weights) + p < value[row]!) flags[row] = 0;
      };
      for (const row of unplaced) consider(row);
      if (everywhere) {
        for (const row of rows) consider(row);
        continue;
      }
      const spanX = reach / xScale;
      const x0 = Math.max(0, Math.floor((this.x[k]! - spanX) / size));
      const x1 = Math.min(this.nx - 1, Math.floor((this.x[k]! + spanX) / size));
      const y0 = Math.max(0, Math.floor((this.y[k]! - reach) / size));
      const y1 = Math.min(this.ny - 1, Math.floor((this.y[k]! + reach) / size));
      const help = this.help[k]!;
      const days = this.days[k]!;
      for (let bit = 0; bit < 32; bit++) {
        if (bit < 31 && (help & (1 << bit)) === 0) continue;
        for (let day = 0; day < 8; day++) {
          if (day < 7 && (days & (1 << day)) === 0) continue;
          const base = (bit * 8 + day) * cells;
          for (let cy = y0; cy <= y1; cy++) {
            const dy = Math.max(0, cy * size - this.y[k]!, this.y[k]! - (cy + 1) * size);
            const end = lowerBound(base + cy * this.nx + x1 + 1);
            for (let b = lowerBound(base + cy * this.nx + x0); b < end; b++) {
              // The bucket's best case: its nearest point, a shared language, its highest value.
              if (bounded) {
                const cx = keys[b]! - base - cy * this.nx;
                const dx = Math.max(0, cx * size - this.x[k]!, this.x[k]! - (cx + 1) * size) * xScale;
                const near = Math.sqrt(dx * dx + dy * dy);
                const best = combineScore(weights, distancePart(near, reach), 1, continuity, this.load[k]!);
                if (100 - best + p >= bucketValue[b]!) continue;
              }
              for (let at = bucketStart[b]!; at < bucketStart[b + 1]!; at++) consider(rows[at]!);
            }
          }
        }
      }
    }
  }

  /**
   * The language part at its best for volunteers speaking the languages in `mask` (bits): 1 when the
   * need asks for none, one of them is spoken, or a language without a bit might be; else 0.
   */
  private languageBound(q: Query, mask: number): number {
    return q.anyLanguage || (mask & q.languages) !== 0 ? 1 : 0;
  }

  /** The cheap necessary rules: free capacity, help type, screenings, weekday. */
  private mayTake(q: Query, k: number): boolean {
    return (
      this.free[k]! > 0 &&
      (q.help === 0 || (this.help[k]! & q.help) !== 0) &&
      (this.screens[k]! & q.screens) === q.screens &&
      (q.dayBit === 0 || (this.days[k]! & q.dayBit) !== 0)
    );
  }

  /** A lower bound on the distance from the need to volunteer k, in km. */
  private planarKm(q: Query, k: number): number {
    if (!q.placed) return 0;
    const dx = (this.x[k]! - q.x) * q.xScale;
    const dy = this.y[k]! - q.y;
    return Math.sqrt(dx * dx + dy * dy);
  }

  private speaks(q: Query, k: number): boolean {
    return (
      (this.language[k]! & q.languages) !== 0 ||
      (q.otherLanguages.length > 0 &&
        q.otherLanguages.some((language) => this.volunteers[k]!.languages.includes(language)))
    );
  }

  /** The cells that may hold someone in reach of the need, with the nearest distance to each. */
  private cellsNear(q: Query, grid: Grid, visit: (cell: number, nearestKm: number) => void) {
    if (this.cellStart.length <= 1) return;
    if (!q.placed || !Number.isFinite(this.maxReach)) {
      for (let c = 0; c < this.nx * this.ny; c++) if (grid.start[c] !== grid.end[c]) visit(c, 0);
      return;
    }
    const size = this.cellKm;
    const spanX = this.maxReach / q.xScale;
    const x0 = Math.max(0, Math.floor((q.x - spanX) / size));
    const x1 = Math.min(this.nx - 1, Math.floor((q.x + spanX) / size));
    const y0 = Math.max(0, Math.floor((q.y - this.maxReach) / size));
    const y1 = Math.min(this.ny - 1, Math.floor((q.y + this.maxReach) / size));
    for (let cy = y0; cy <= y1; cy++) {
      const dy = Math.max(0, cy * size - q.y, q.y - (cy + 1) * size);
      for (let cx = x0; cx <= x1; cx++) {
        const cell = cy * this.nx + cx;
        if (grid.start[cell] === grid.end[cell]) continue;
        const dx = Math.max(0, cx * size - q.x, q.x - (cx + 1) * size) * q.xScale;
        const nearest = Math.sqrt(dx * dx + dy * dy);
        if (nearest <= grid.reach[cell]!) visit(cell, nearest);
      }
    }
  }

  /**
   * Visits the grid's non-empty cells in reach, ring by ring outwards from the need's cell, while
   * `goOn(km)` holds for the least distance any cell of the next ring can have. True when goOn stopped it.
   */
  private rings(
    q: Query,
    grid: Grid,
    goOn: (ringKm: number) => boolean,
    visit: (cell: number, nearestKm: number) => void,
  ): boolean {
    const size = this.cellKm;
    const cx0 = q.placed ? Math.floor(q.x / size) : 0;
    const cy0 = q.placed ? Math.floor(q.y / size) : 0;
    const look = (cx: number, cy: number) => {
      if (cx < 0 || cy < 0 || cx >= this.nx || cy >= this.ny) return;
      const cell = cy * this.nx + cx;
      if (grid.start[cell] === grid.end[cell]) return;
      let nearest = 0;
      if (q.placed) {
        const dx = Math.max(0, cx * size - q.x, q.x - (cx + 1) * size) * q.xScale;
        const dy = Math.max(0, cy * size - q.y, q.y - (cy + 1) * size);
        nearest = Math.sqrt(dx * dx + dy * dy);
      }
      if (nearest <= grid.reach[cell]!) visit(cell, nearest);
    };
    // Rings closer than the grid's edge hold no cell: start at the first that meets the grid.
    const first = Math.max(0, cx0 - (this.nx - 1), -cx0, cy0 - (this.ny - 1), -cy0);
    for (let ring = first; ; ring++) {
      if (cx0 - ring < 0 && cy0 - ring < 0 && cx0 + ring >= this.nx && cy0 + ring >= this.ny) return false;
      // A cell `ring` cells away is at least ring - 1 whole cells away.
      const ringKm = q.placed ? Math.max(0, (ring - 1) * size) * q.xScale : 0;
      if (ringKm > this.maxReach) return false;
      if (!goOn(ringKm)) return true;
      if (ring === 0) {
        look(cx0, cy0);
        continue;
      }
      // Only the part of the ring inside the grid.
      for (let cx = Math.max(0, cx0 - ring); cx <= Math.min(this.nx - 1, cx0 + ring); cx++) {
        look(cx, cy0 - ring);
        look(cx, cy0 + ring);
      }
      for (let cy = Math.max(0, cy0 - ring + 1); cy <= Math.min(this.ny - 1, cy0 + ring - 1); cy++) {
        look(cx0 - ring, cy);
        look(cx0 + ring, cy);
      }
    }
  }

  /** Every volunteer who may take the need, with their score, in index order. */
  eligible(need: Need, weights: Weights): { volunteers: number[]; scores: number[] } {
    const volunteers: number[] = [];
    const q = this.query(need);
    if (!q.possible) return { volunteers, scores: [] };
    const consider = (k: number) => {
      if (!this.mayTake(q, k) || this.planarKm(q, k) > this.reach[k]!) return;
      if (isEligible(need, this.volunteers[k]!)) volunteers.push(k);
    };
    const grid = this.gridFor(q);
    this.cellsNear(q, grid, (cell) => {
      for (let at = grid.start[cell]!; at < grid.end[cell]!; at++) consider(grid.items[at]!);
    });
    for (const k of this.anywhere) {
      if (this.mayTake(q, k) && isEligible(need, this.volunteers[k]!)) volunteers.push(k);
    }
    volunteers.sort((a, b) => a - b);
    return { volunteers, scores: volunteers.map((k) => scoreOnly(need, this.volunteers[k]!, weights)) };
  }

  /** How many volunteers speak one of the need's languages, and how many of those live within their own reach of it. */
  speakers(need: Need): { speakers: number; inReach: number } {
    const q = this.query(need);
    let speakers = 0;
    for (let k = 0; k < this.volunteers.length; k++) if (this.speaks(q, k)) speakers++;
    let inReach = 0;
    const consider = (k: number) => {
      const v = this.volunteers[k]!;
      if (this.speaks(q, k) && distanceKm(v.home, need.location) <= v.maxDistanceKm) inReach++;
    };
    this.cellsNear(q, this.allGrid, (cell) => {
      for (let at = this.cellStart[cell]!; at < this.cellStart[cell + 1]!; at++)
        consider(this.cellItems[at]!);
    });
    for (const k of this.anywhere) consider(k);
    return { speakers, inReach };
  }

  /** Positions of the volunteers who helped this household before (their score has the continuity part). */
  private helpers(householdId: string): readonly number[] {
    if (!this.helpersByHousehold) {
      this.helpersByHousehold = new Map();
      this.volunteers.forEach((v, k) => {
        for (const household of v.helpedHouseholds) {
          const list = this.helpersByHousehold!.get(household);
          if (list) list.push(k);
          else this.helpersByHousehold!.set(household, [k]);
        }
      });
    }
    return this.helpersByHousehold.get(householdId) ?? [];
  }

  /**
   * The k best volunteers for the need (highest score, then lowest position), visiting cells best
   * bound first and skipping whatever cannot beat the k-th. `accept` can rule volunteers out
   * (greedy matching uses it for those already full).
   */
  best(need: Need, count: number, weights: Weights, accept?: (k: number) => boolean): BestCandidates {
    const kept: number[] = [];
    const scores: number[] = [];
    const q = this.query(need);
    if (!q.possible) return { volunteers: kept, scores, threshold: Number.POSITIVE_INFINITY };
    const bounded =
      weights.distance >= 0 && weights.language >= 0 && weights.continuity >= 0 && weights.load >= 0;
    const stamp = ++this.generation;
    let skipped = false;
    const worst = () => (kept.length < count ? Number.NEGATIVE_INFINITY : scores[kept.length - 1]!);
    const offer = (k: number, score: number) => {
      if (kept.length === count) {
        const last = kept.length - 1;
        if (score < scores[last]! || (score === scores[last] && k > kept[last]!)) {
          skipped = true;
          return;
        }
        kept.pop();
        scores.pop();
        skipped = true;
      }
      let at = kept.length;
      while (at > 0 && (scores[at - 1]! < score || (scores[at - 1] === score && kept[at - 1]! > k))) at--;
      kept.splice(at, 0, k);
      scores.splice(at, 0, score);
    };
    const exact = (k: number) => {
      if (accept && !accept(k)) return;
      const cost = this.exactCost(need, q, k, weights);
      if (!Number.isNaN(cost)) offer(k, 100 - cost);
    };

    // Those who helped the household before first: the bounds below leave continuity out.
    const helpers = this.helpers(need.householdId);
    const helped = helpers.length > 0;
    for (const k of helpers) {
      this.stamp[k] = stamp;
      if (this.mayTake(q, k) && this.planarKm(q, k) <= this.reach[k]!) exact(k);
    }
    for (const k of this.anywhere) {
      if (this.stamp[k] !== stamp && this.mayTake(q, k)) exact(k);
    }

    // Cells ring by ring outwards from the need's cell, while a ring could still hold someone
    // better than the k-th kept: near cells decide almost every need.
    const grid = this.gridFor(q);
    const data = this.inCell;
    const stopped = this.rings(
      q,
      grid,
      (ringKm) =>
        !bounded || combineScore(weights, distancePart(ringKm, this.maxReach), 1, 0, grid.maxLoad) > worst(),
      (cell, nearest) => {
        const cellDistance = distancePart(nearest, grid.reach[cell]!);
        const cellLanguage = this.languageBound(q, grid.languages[cell]!);
        if (bounded && combineScore(weights, cellDistance, cellLanguage, 0, grid.load[cell]!) <= worst()) {
          skipped = true;
          return;
        }
        const end = grid.end[cell]!;
        for (let i = grid.start[cell]!; i < end; i++) {
          const at = grid.at[i]!;
          // Items are in falling load part: once the cell's best case with this load cannot win, none after can.
          if (bounded && combineScore(weights, cellDistance, cellLanguage, 0, data.load[at]!) <= worst()) {
            skipped = true;
            break;
          }
          // The grid holds only free volunteers who offer the help type: the rest of mayTake().
          if ((data.screens[at]! & q.screens) !== q.screens) continue;
          if (q.dayBit !== 0 && (data.days[at]! & q.dayBit) === 0) continue;
          const k = grid.items[i]!;
          if (helped && this.stamp[k] === stamp) continue;
          let km = 0;
          if (q.placed) {
            const dx = (data.x[at]! - q.x) * q.xScale;
            const dy = data.y[at]! - q.y;
            km = Math.sqrt(dx * dx + dy * dy);
          }
          const reach = data.reach[at]!;
          if (km > reach) continue;
          if (
            bounded &&
            combineScore(
              weights,
              distancePart(km, reach),
              this.languageBound(q, data.languages[at]!),
              0,
              data.load[at]!,
            ) <= worst()
          ) {
            skipped = true;
            continue;
          }
          exact(k);
        }
      },
    );
    if (stopped) skipped = true;
    return {
      volunteers: kept,
      scores,
      threshold: skipped ? 100 - worst() : Number.POSITIVE_INFINITY,
    };
  }

  /**
   * The proof step: of the volunteers who may take the need with cost + price < value (a pair that
   * would lower the total if the solver had it), the `count` with the least cost + price (then the
   * lowest position), least first. None means no pair outside the solver's could improve on the
   * need's value. Bounds skip rings, cells and volunteers whose cheapest possible cost plus price
   * cannot beat the value or the count-th kept: a need whose near volunteers are free (price 0)
   * stops as soon as best() would, however many pairs would improve.
   */
  improving(
    need: Need,
    value: number,
    priced: PricedOrder,
    weights: Weights,
    count: number,
  ): { volunteers: number[]; costs: number[] } {
    const { price, key } = priced;
    const volunteers: number[] = [];
    const costs: number[] = [];
    const reduced: number[] = [];
    const q = this.query(need);
    if (!q.possible || count <= 0) return { volunteers, costs };
    const bounded =
      weights.distance >= 0 && weights.language >= 0 && weights.continuity >= 0 && weights.load >= 0;
    const stamp = ++this.generation;
    // A pair must cost + price less than this to be kept: the value, or the count-th kept once full.
    let cutoff = value;
    const exact = (k: number) => {
      const cost = this.exactCost(need, q, k, weights);
      const r = cost + price[k]!;
      // Written so that a score that is not a number (a home without a place) never counts.
      if (!(r < value)) return;
      if (volunteers.length === count) {
        const last = count - 1;
        if (r > reduced[last]! || (r === reduced[last] && k > volunteers[last]!)) return;
        volunteers.pop();
        costs.pop();
        reduced.pop();
      }
      let at = volunteers.length;
      while (at > 0 && (reduced[at - 1]! > r || (reduced[at - 1] === r && volunteers[at - 1]! > k))) at--;
      volunteers.splice(at, 0, k);
      costs.splice(at, 0, cost);
      reduced.splice(at, 0, r);
      if (volunteers.length === count) cutoff = reduced[count - 1]!;
    };
    const helpers = this.helpers(need.householdId);
    const helped = helpers.length > 0;
    for (const k of helpers) {
      this.stamp[k] = stamp;
      if (this.mayTake(q, k) && price[k]! < value) exact(k);
    }
    for (const k of this.anywhere) {
      if (this.stamp[k] !== stamp && this.mayTake(q, k) && price[k]! < value) exact(k);
    }
    // Ring by ring while a pair in the ring could still beat the cutoff (prices are >= 0). A bound
    // equal to the cutoff may still win on position, so only a bound above it skips.
    const grid = this.gridFor(q);
    const scale = priced.scale;
    const data = this.inCell;
    const priceAt = priced.priceAt;
    // Points of cost per unit of the distance and language parts.
    const perDistance = scale * weights.distance;
    const perLanguage = scale * weights.language;
    this.rings(
      q,
      grid,
      (ringKm) =>
        !bounded ||
        100 - combineScore(weights, distancePart(ringKm, this.maxReach), 1, 0, grid.maxLoad) <= cutoff,
      (cell, nearest) => {
        const order = priced.items(grid, cell);
        const cellDistance = distancePart(nearest, grid.reach[cell]!);
        const cellLanguage = this.languageBound(q, grid.languages[cell]!);
        // The least cost + price in the cell is at least this plus the volunteer's key; the half
        // covers the rounding of the score (see pricedOrder), a hundredth the floating point.
        const cellBound = 99.49 - perDistance * cellDistance - perLanguage * cellLanguage;
        const end = grid.end[cell]!;
        for (let i = grid.start[cell]!; i < end; i++) {
          const at = order[i]!;
          // Rising key: the cheapest cost + price possible only rises from here.
          if (bounded && cellBound + key[at]! > cutoff) break;
          if (priceAt[at]! >= value) continue;
          // The grid holds only free volunteers who offer the help type: the rest of mayTake().
          if ((data.screens[at]! & q.screens) !== q.screens) continue;
          if (q.dayBit !== 0 && (data.days[at]! & q.dayBit) === 0) continue;
          const k = this.cellItems[at]!;
          if (helped && this.stamp[k] === stamp) continue;
          let km = 0;
          if (q.placed) {
            const dx = (data.x[at]! - q.x) * q.xScale;
            const dy = data.y[at]! - q.y;
            km = Math.sqrt(dx * dx + dy * dy);
          }
          const reach = data.reach[at]!;
          if (km > reach) continue;
          // The same bound with this volunteer's own distance and languages.
          if (
            bounded &&
            99.49 -
              perDistance * distancePart(km, reach) -
              perLanguage * this.languageBound(q, data.languages[at]!) +
              key[at]! >
              cutoff
          )
            continue;
          exact(k);
        }
      },
    );
    return { volunteers, costs };
  }

  /**
   * For improving(): each cell's free volunteers in rising key = price - the load part of the
   * score (as points of cost), per grid. The score is rounded from a sum that is linear in its
   * parts, so a volunteer's cost + price is at least 99.5 - (distance and language parts at their
   * best in the cell) + key: a cell can be left at the first volunteer whose bound is too high.
   */
  pricedOrder(price: Float64Array, weights: Weights): PricedOrder {
    const total = weights.distance + weights.language + weights.continuity + weights.load;
    const scale = total > 0 ? 100 / total : 0;
    // By position in the cells' order (see ItemData), like the rest of what the search reads.
    const count = this.cellItems.length;
    const priceAt = new Float64Array(count);
    const key = new Float64Array(count);
    for (let at = 0; at < count; at++) {
      priceAt[at] = price[this.cellItems[at]!]!;
      key[at] = priceAt[at]! - scale * weights.load * this.inCell.load[at]!;
    }
    const byKey = (a: number, b: number) => key[a]! - key[b]! || a - b;
    // A cell where every price is 0 is in rising key already: the grid keeps it in falling load
    // part, ties by position. Only cells with a price need sorting, and only those a need looks
    // in: each is sorted when first looked in (sorting every priced cell of every grid up front
    // was about a third of the proof step on the spread bench).
    const priceless = (order: Int32Array, from: number, to: number) => {
      for (let i = from; i < to; i++) if (priceAt[order[i]!] !== 0) return false;
      return true;
    };
    const cache = new Map<Grid, { order: Int32Array; done: Uint8Array }>();
    const items = (grid: Grid, cell: number) => {
      let got = cache.get(grid);
      if (!got) {
        got = { order: grid.at.slice(), done: new Uint8Array(grid.end.length) };
        cache.set(grid, got);
      }
      if (!got.done[cell]) {
        got.done[cell] = 1;
        const from = grid.start[cell]!;
        const to = grid.end[cell]!;
        if (to - from > 1 && !priceless(got.order, from, to)) got.order.subarray(from, to).sort(byKey);
      }
      return got.order;
    };
    return { price, priceAt, key, scale, items };
  }
}
