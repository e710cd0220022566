"""Simulate one day of call detail records of a mobile network with hidden SIM banks.

Ordinary subscribers follow everyday habits: a daily rhythm (quiet nights, busy evenings),
a social circle (a few favourite contacts get most calls; many calls are returned),
incoming and outgoing calls and SMS, data sessions, moves between a home and a work cell,
varied call lengths. A few kinds of subscriber are there to be hard cases for the detector:
low users on one cell with no data, shop or office phones (voice only, one cell, many
calls), business heavy users, sales callers (many cold calls to new numbers), dual-SIM and
shared phones, community phones with several SIMs, people changing phones.

SIM banks of various sizes (8 to 256 SIMs) call random numbers around the clock from one
cell, at regular intervals with short calls of similar length, several SIMs per module
(IMEI). Evasion tricks, each switchable: ``rotate`` (SIMs hop across a pool of module
IMEIs every few hours), ``move`` (simulated movement across nearby cells), ``sms`` (added
SMS and data sessions), ``lengths`` (randomised call lengths), ``intervals`` (random,
Poisson-like call times during waking hours only).

Everything is drawn with numpy in bulk, seeded, and written to Parquet (or CSV) with a
ground-truth JSON file listing the banks' IMSIs, IMEIs and numbers.

    python bench/cdr/generate.py --rows 30000000 --banks 200 --evasion all \
        --out bench/data/cdr/30m-evasion
"""

from __future__ import annotations

import argparse
import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

TRICKS = ("rotate", "move", "sms", "lengths", "intervals")
# Harder tricks beyond the list, not part of "all": SIMs of a bank call each other to
# fake incoming traffic and callbacks; traffic spread thin over many SIMs (12-35 calls a day).
EXTRA_TRICKS = ("chatter", "lowvolume")
DAY = 86_400
DAY_START = np.datetime64("2026-11-20T00:00:00", "s")

# Relative call activity per hour of day (quiet nights, evening peak).
DIURNAL = np.array(
    [0.3, 0.15, 0.1, 0.08, 0.08, 0.15, 0.5, 1.2, 2.0, 2.6, 2.8, 2.8,
     2.6, 2.6, 2.6, 2.6, 2.7, 2.9, 3.0, 2.9, 2.6, 2.1, 1.4, 0.7]
)  # fmt: skip
DIURNAL_P = DIURNAL / DIURNAL.sum()

VOICE, SMS, DATA = 0, 1, 2
MO, MT = 0, 1


@dataclass(frozen=True)
class Kind:
    """Habits of one kind of ordinary subscriber (rates are events per day)."""

    name: str
    share: float
    voice: float  # mean interactions started from this subscriber's circle
    voice_sigma: float
    sms: float
    data: float
    circle: tuple[int, int]  # contacts, min..max
    external_pct: int  # share of contacts outside the network
    mo_share: float  # chance that the subscriber is the caller in an interaction
    wander_pct: int  # chance that an event happens in a cell near home/work
    worker: float  # chance to spend working hours in another cell
    cold_calls: float = 0.0  # calls to numbers outside the circle (sales)
    cold_callback: float = 0.0


KINDS = (
    Kind("regular", 0.797, 5, 0.6, 6, 20, (5, 60), 20, 0.5, 20, 0.7),
    Kind("low", 0.10, 1.5, 0.5, 1, 0, (3, 10), 10, 0.5, 0, 0.0),
    Kind("heavy", 0.06, 30, 0.4, 10, 40, (80, 250), 50, 0.55, 40, 0.8),
    Kind("office", 0.04, 20, 0.4, 0, 0, (50, 150), 40, 0.5, 0, 0.0),
    Kind("sales", 0.003, 15, 0.4, 8, 30, (30, 100), 50, 0.5, 30, 0.8, 40, 0.12),
)
RETURN_CALL = 0.25  # an interaction answered by a reverse one minutes later
RETURN_SMS = 0.4
BANK_SIZES = (8, 16, 32, 64, 128, 256)
BANK_SIZE_P = (0.2, 0.2, 0.2, 0.2, 0.12, 0.08)
BANK_CALLBACK = 0.02  # a called person rings the displayed number back


def mix(a: np.ndarray, b: np.ndarray | int) -> np.ndarray:
    """A deterministic 64-bit hash of two integer arrays (splitmix64 finaliser)."""
    x = a.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    x ^= np.asarray(b).astype(np.uint64) * np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(31)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(29)
    return x


@dataclass
class Network:
    """Who exists: subscribers, bank SIMs, devices, cells and outside numbers."""

    rng: np.random.Generator
    subscribers: int
    bank_sizes: list[int]
    bank_tricks: list[frozenset[str]]
    externals: int = 0
    cells: int = 0
    kind: np.ndarray = field(init=False)
    bank_of: np.ndarray = field(init=False)  # per bank SIM
    sims: int = field(init=False)

    def __post_init__(self) -> None:
        rng, n = self.rng, self.subscribers
        self.externals = max(2_000, 3 * n)
        self.cells = max(60, n // 150)
        shares = np.array([k.share for k in KINDS])
        self.kind = rng.choice(len(KINDS), size=n, p=shares / shares.sum()).astype(np.int8)
        self.circle = np.empty(n, dtype=np.int32)
        for i, k in enumerate(KINDS):
            mask = self.kind == i
            self.circle[mask] = rng.integers(k.circle[0], k.circle[1] + 1, mask.sum())
        self.ext_pct = np.array([k.external_pct for k in KINDS])[self.kind]
        self.mo_share = np.array([k.mo_share for k in KINDS])[self.kind]
        self.wander = np.array([k.wander_pct for k in KINDS])[self.kind]
        self.home = rng.integers(0, self.cells, n).astype(np.int32)
        works = rng.random(n) < np.array([k.worker for k in KINDS])[self.kind]
        self.work = np.where(
            works, (self.home + rng.integers(-30, 31, n)) % self.cells, self.home
        ).astype(np.int32)
        self.worker = works
        self._devices(n)
        self._banks()

    def _devices(self, n: int) -> None:
        rng = self.rng
        self.imei = np.arange(n, dtype=np.int64)
        # Dual-SIM or shared phones: 1.5% use the device of the previous subscriber.
        shared = np.flatnonzero(rng.random(n) < 0.015)
        shared = shared[shared > 0]
        self.imei[shared] = self.imei[shared - 1]
        # Community phones: groups of 3 to 6 low users on one handset.
        low = np.flatnonzero(self.kind == 1)
        groups = max(1, n // 4000)
        start = 0
        for _ in range(groups):
            size = int(rng.integers(3, 7))
            if start + size > len(low):
                break
            members = low[start : start + size]
            self.imei[members] = self.imei[members[0]]
            start += size
        # About 1% change phones during the day.
        self.changer = rng.random(n) < 0.01
        self.change_at = rng.integers(0, DAY, n)
        self.second_imei = n + np.arange(n, dtype=np.int64)
        self.next_imei = 2 * n

    def _banks(self) -> None:
        rng, n = self.rng, self.subscribers
        sizes = np.array(self.bank_sizes, dtype=np.int64)
        self.sims = n + int(sizes.sum())
        self.bank_of = np.repeat(np.arange(len(sizes)), sizes)
        local = np.concatenate([np.arange(s) for s in sizes]) if len(sizes) else np.array([])
        local = local.astype(np.int64)
        nb = len(self.bank_of)
        self.bank_cell = rng.integers(0, self.cells, len(sizes))[self.bank_of]
        slots = np.array(
            [int(rng.choice([s for s in (4, 8, 16, 32) if s <= size])) for size in sizes],
            dtype=np.int64,
        )
        modules = -(-sizes // slots)
        module_base = self.next_imei + np.concatenate([[0], np.cumsum(modules)[:-1]]).astype(
            np.int64
        )
        self.next_imei += int(modules.sum())
        self.module_imei = module_base[self.bank_of] + local // slots[self.bank_of]
        # Rotation pool: as many spoofed/module IMEIs as the bank has SIMs.
        pool_base = self.next_imei + np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        self.next_imei += int(sizes.sum())
        self.pool_base = pool_base[self.bank_of]
        self.pool_size = sizes[self.bank_of]
        self.block_len = rng.integers(2 * 3600, 4 * 3600, nb)
        self.block_off = rng.integers(0, 4 * 3600, nb)
        self.move_len = rng.integers(3600, 3 * 3600, nb)
        tricks = self.bank_tricks
        self.b_rotate = np.array([("rotate" in tricks[b]) for b in self.bank_of], dtype=bool)
        self.b_move = np.array([("move" in tricks[b]) for b in self.bank_of], dtype=bool)
        self.imeis = self.next_imei

    # Where a SIM is and which device it is in, at time t.
    def cell_of(self, sim: np.ndarray, t: np.ndarray) -> np.ndarray:
        out = np.empty(len(sim), dtype=np.int64)
        sub = sim < self.subscribers
        s, ts = sim[sub], t[sub]
        hour = (ts // 3600) % 24
        at_work = self.worker[s] & (hour >= 9) & (hour < 18)
        base = np.where(at_work, self.work[s], self.home[s]).astype(np.int64)
        h = mix(s, ts)
        wander = (h % np.uint64(100)).astype(np.int64) < self.wander[s]
        step = ((h >> np.uint64(20)) % np.uint64(11)).astype(np.int64) - 5
        out[sub] = np.where(wander, (base + step) % self.cells, base)
        bank = ~sub
        b, tb = sim[bank] - self.subscribers, t[bank]
        moved = (
            self.bank_cell[b]
            + (mix(b + 7, tb // self.move_len[b]) % np.uint64(21)).astype(np.int64)
            - 10
        ) % self.cells
        out[bank] = np.where(self.b_move[b], moved, self.bank_cell[b])
        return out

    def imei_of(self, sim: np.ndarray, t: np.ndarray) -> np.ndarray:
        out = np.empty(len(sim), dtype=np.int64)
        sub = sim < self.subscribers
        s, ts = sim[sub], t[sub]
        changed = self.changer[s] & (ts >= self.change_at[s])
        out[sub] = np.where(changed, self.second_imei[s], self.imei[s])
        bank = ~sub
        b, tb = sim[bank] - self.subscribers, t[bank]
        block = (tb + self.block_off[b]) // self.block_len[b]
        rotated = self.pool_base[b] + (mix(b, block) % self.pool_size[b].astype(np.uint64)).astype(
            np.int64
        )
        out[bank] = np.where(self.b_rotate[b], rotated, self.module_imei[b])
        return out


@dataclass
class Events:
    """Interactions between parties (sims first, then outside numbers) and data sessions."""

    caller: list[np.ndarray] = field(default_factory=list)
    callee: list[np.ndarray] = field(default_factory=list)
    t: list[np.ndarray] = field(default_factory=list)
    dur: list[np.ndarray] = field(default_factory=list)
    etype: list[np.ndarray] = field(default_factory=list)
    data_sim: list[np.ndarray] = field(default_factory=list)
    data_t: list[np.ndarray] = field(default_factory=list)
    data_dur: list[np.ndarray] = field(default_factory=list)

    def add(
        self, caller: np.ndarray, callee: np.ndarray, t: np.ndarray, dur: np.ndarray, etype: int
    ) -> None:
        self.caller.append(caller.astype(np.int64))
        self.callee.append(callee.astype(np.int64))
        self.t.append(t.astype(np.int64))
        self.dur.append(dur.astype(np.int32))
        self.etype.append(np.full(len(caller), etype, dtype=np.int8))

    def add_data(self, sim: np.ndarray, t: np.ndarray, dur: np.ndarray) -> None:
        self.data_sim.append(sim.astype(np.int64))
        self.data_t.append(t.astype(np.int64))
        self.data_dur.append(dur.astype(np.int32))


def human_times(rng: np.random.Generator, size: int) -> np.ndarray:
    hours = rng.choice(24, size=size, p=DIURNAL_P)
    return hours * 3600 + rng.integers(0, 3600, size)


def human_durations(rng: np.random.Generator, size: int) -> np.ndarray:
    return np.clip(np.round(rng.lognormal(math.log(60), 1.0, size)), 1, 7200)


def subscriber_events(net: Network, lo: int, hi: int) -> Events:
    """Everything started by subscribers lo..hi-1 (rows for the other side included)."""
    rng = net.rng
    ev = Events()
    subs = np.arange(lo, hi)
    kinds = net.kind[lo:hi]
    for etype, rate_of, returns in ((VOICE, "voice", RETURN_CALL), (SMS, "sms", RETURN_SMS)):
        rate = np.array([getattr(k, rate_of) for k in KINDS])[kinds]
        if etype == VOICE:
            sigma = np.array([k.voice_sigma for k in KINDS])[kinds]
            rate = rate * rng.lognormal(-(sigma**2) / 2, sigma)
        a = np.repeat(subs, rng.poisson(rate))
        if len(a) == 0:
            continue
        rank = np.floor(net.circle[a] * rng.random(len(a)) ** 3).astype(np.int64)
        h = mix(a, rank)
        external = (h >> np.uint64(40)) % np.uint64(100) < net.ext_pct[a].astype(np.uint64)
        window = np.uint64(max(1, min(net.subscribers - 1, 2000)))
        inside = (a + 1 + (h % window).astype(np.int64)) % net.subscribers
        outside = net.sims + (h % np.uint64(net.externals)).astype(np.int64)
        b = np.where(external, outside, inside)
        a_calls = rng.random(len(a)) < net.mo_share[a]
        caller, callee = np.where(a_calls, a, b), np.where(a_calls, b, a)
        t = human_times(rng, len(a))
        dur = human_durations(rng, len(a)) if etype == VOICE else np.zeros(len(a))
        ev.add(caller, callee, t, dur, etype)
        back = rng.random(len(a)) < returns
        t_back = np.minimum(t[back] + rng.integers(30, 1800, back.sum()), DAY - 1)
        dur_back = human_durations(rng, back.sum()) if etype == VOICE else np.zeros(back.sum())
        ev.add(callee[back], caller[back], t_back, dur_back, etype)
    # Sales: cold calls to numbers outside the circle, some returned later.
    cold = np.array([k.cold_calls for k in KINDS])[kinds]
    a = np.repeat(subs, rng.poisson(cold))
    if len(a):
        b = np.where(
            rng.random(len(a)) < 0.6,
            rng.integers(0, net.subscribers, len(a)),
            net.sims + rng.integers(0, net.externals, len(a)),
        )
        hours = rng.integers(9, 19, len(a))
        t = hours * 3600 + rng.integers(0, 3600, len(a))
        ev.add(a, b, t, human_durations(rng, len(a)), VOICE)
        back = rng.random(len(a)) < np.array([k.cold_callback for k in KINDS])[net.kind[a]]
        t_back = np.minimum(t[back] + rng.integers(600, 4 * 3600, back.sum()), DAY - 1)
        ev.add(b[back], a[back], t_back, human_durations(rng, back.sum()), VOICE)
    # Calls to and from numbers nobody knows: services, wrong numbers, advertising.
    for per_day, outgoing in ((0.5, True), (0.3, False)):
        a = np.repeat(subs, rng.poisson(per_day, len(subs)))
        other = net.sims + rng.integers(0, net.externals, len(a))
        caller, callee = (a, other) if outgoing else (other, a)
        ev.add(caller, callee, human_times(rng, len(a)), human_durations(rng, len(a)), VOICE)
    rate = np.array([k.data for k in KINDS])[kinds] * rng.lognormal(-0.245, 0.7, len(subs))
    a = np.repeat(subs, rng.poisson(rate))
    dur = np.clip(np.round(rng.lognormal(math.log(300), 1.2, len(a))), 1, DAY)
    ev.add_data(a, human_times(rng, len(a)), dur)
    return ev


def bank_events(net: Network) -> Events:
    """Calls (and evasion SMS/data) of every bank SIM."""
    rng = net.rng
    ev = Events()
    nb = len(net.bank_of)
    if nb == 0:
        return ev
    sims = net.subscribers + np.arange(nb)
    tricks = [net.bank_tricks[b] for b in net.bank_of]
    low = np.array(["lowvolume" in tk for tk in tricks])
    calls = np.where(low, rng.integers(12, 36, nb), rng.integers(40, 251, nb))
    random_times = np.array(["intervals" in tk for tk in tricks])
    random_lengths = np.array(["lengths" in tk for tk in tricks])
    mean_len = rng.uniform(20, 90, len(net.bank_sizes))[net.bank_of]
    sim = np.repeat(sims, calls)
    idx = np.repeat(np.arange(nb), calls)
    j = np.arange(len(sim)) - np.repeat(np.cumsum(calls) - calls, calls)
    interval = DAY / calls[idx]
    regular = (
        rng.integers(0, 600, nb)[idx] + j * interval + rng.normal(0, 0.05 * interval)
    ).astype(np.int64) % DAY
    waking = 7 * 3600 + rng.integers(0, 16 * 3600, len(sim))
    t = np.where(random_times[idx], waking, regular)
    fixed_len = rng.normal(mean_len[idx], 0.08 * mean_len[idx])
    varied_len = rng.lognormal(np.log(mean_len[idx]), 0.7)
    dur = np.clip(np.round(np.where(random_lengths[idx], varied_len, fixed_len)), 3, 3600)
    victim = np.where(
        rng.random(len(sim)) < 0.7,
        rng.integers(0, net.subscribers, len(sim)),
        net.sims + rng.integers(0, net.externals, len(sim)),
    )
    ev.add(sim, victim, t, dur, VOICE)
    back = rng.random(len(sim)) < BANK_CALLBACK
    t_back = np.minimum(t[back] + rng.integers(60, 3600, back.sum()), DAY - 1)
    ev.add(victim[back], sim[back], t_back, human_durations(rng, back.sum()), VOICE)
    # Chatter: calls to sibling SIMs of the same bank, half of them returned.
    talks = np.array(["chatter" in tk for tk in tricks])
    n_chat = np.where(talks, rng.poisson(0.25 * calls), 0)
    a = np.repeat(np.arange(nb), n_chat)
    if len(a):
        size = np.array(net.bank_sizes)[net.bank_of[a]]
        first = np.searchsorted(net.bank_of, net.bank_of[a])
        sibling = first + (a - first + 1 + rng.integers(0, size - 1)) % size
        t_chat = 7 * 3600 + rng.integers(0, 16 * 3600, len(a))
        caller, callee = net.subscribers + a, net.subscribers + sibling
        ev.add(caller, callee, t_chat, human_durations(rng, len(a)), VOICE)
        back = rng.random(len(a)) < 0.5
        t_back = np.minimum(t_chat[back] + rng.integers(60, 3600, back.sum()), DAY - 1)
        ev.add(callee[back], caller[back], t_back, human_durations(rng, back.sum()), VOICE)
    # Added SMS (to random numbers) and a few data sessions to look like a phone.
    adds = np.array(["sms" in tk for tk in tricks])
    n_sms = np.where(adds, rng.poisson(0.3 * calls), 0)
    s = np.repeat(sims, n_sms)
    to = np.where(
        rng.random(len(s)) < 0.7,
        rng.integers(0, net.subscribers, len(s)),
        net.sims + rng.integers(0, net.externals, len(s)),
    )
    ev.add(s, to, human_times(rng, len(s)), np.zeros(len(s)), SMS)
    n_data = np.where(adds, rng.poisson(4, nb), 0)
    d = np.repeat(sims, n_data)
    ev.add_data(d, human_times(rng, len(d)), rng.integers(30, 900, len(d)))
    return ev


@dataclass
class Rows:
    sim: np.ndarray
    other: np.ndarray  # party index, -1 for none
    t: np.ndarray
    dur: np.ndarray
    etype: np.ndarray
    direction: np.ndarray
    cell: np.ndarray
    imei: np.ndarray


def to_rows(net: Network, ev: Events) -> Rows:
    """Each interaction gives a row for each side that is a SIM of this network."""
    if ev.caller:
        caller, callee = np.concatenate(ev.caller), np.concatenate(ev.callee)
        t, dur, etype = np.concatenate(ev.t), np.concatenate(ev.dur), np.concatenate(ev.etype)
    else:
        caller = callee = t = np.zeros(0, dtype=np.int64)
        dur, etype = np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int8)
    mo = caller < net.sims
    mt = callee < net.sims
    data_sim = np.concatenate(ev.data_sim) if ev.data_sim else np.zeros(0, dtype=np.int64)
    data_t = np.concatenate(ev.data_t) if ev.data_t else np.zeros(0, dtype=np.int64)
    data_dur = np.concatenate(ev.data_dur) if ev.data_dur else np.zeros(0, dtype=np.int32)
    sim = np.concatenate([caller[mo], callee[mt], data_sim])
    other = np.concatenate([callee[mo], caller[mt], np.full(len(data_sim), -1)])
    tt = np.concatenate([t[mo], t[mt], data_t])
    return Rows(
        sim=sim,
        other=other,
        t=tt,
        dur=np.concatenate([dur[mo], dur[mt], data_dur]),
        etype=np.concatenate([etype[mo], etype[mt], np.full(len(data_sim), DATA, np.int8)]),
        direction=np.concatenate(
            [
                np.full(mo.sum(), MO, np.int8),
                np.full(mt.sum(), MT, np.int8),
                np.full(len(data_sim), MO, np.int8),
            ]
        ),
        cell=net.cell_of(sim, tt),
        imei=net.imei_of(sim, tt),
    )


def _unique_numbers(rng: np.random.Generator, count: int, digits: int) -> np.ndarray:
    return _unique_below(rng, count, 10**digits)


def _unique_below(rng: np.random.Generator, count: int, high: int) -> np.ndarray:
    """``count`` distinct random integers in [0, high), in random order."""
    if count > high // 2:
        raise ValueError(f"cannot draw {count} distinct numbers below {high} quickly")
    draw = np.unique(rng.integers(0, high, int(count * 1.05) + 16))
    while len(draw) < count:
        draw = np.unique(np.concatenate([draw, rng.integers(0, high, count)]))
    return rng.permutation(draw)[:count]


def _luhn_imeis(rng: np.random.Generator, count: int) -> list[str]:
    """IMEIs: a type allocation code (TAC) of common handsets, a serial, a Luhn check digit."""
    tacs = np.array(
        [35_332_510, 35_875_409, 86_014_104, 35_391_110, 86_769_004, 35_290_611, 35_456_789,
         86_123_405, 35_209_900, 35_700_310, 86_880_203, 35_112_233, 35_987_654, 86_555_101]
    )  # fmt: skip
    serial = _unique_below(rng, count, len(tacs) * 10**6)
    body = tacs[serial // 10**6] * 10**6 + serial % 10**6
    digits = (body[:, None] // 10 ** np.arange(13, -1, -1)) % 10
    doubled = digits[:, 1::2] * 2
    total = digits[:, 0::2].sum(1) + (doubled // 10 + doubled % 10).sum(1)
    check = (10 - total % 10) % 10
    return [f"{b:014d}{c}" for b, c in zip(body.tolist(), check.tolist(), strict=True)]


@dataclass
class Identities:
    imsi: pa.Array
    party: pa.Array  # sims' MSISDNs, then outside numbers
    imei: pa.Array
    cell: pa.Array


def identities(net: Network) -> Identities:
    rng = net.rng
    imsi = [f"25001{v:010d}" for v in _unique_numbers(rng, net.sims, 10).tolist()]
    own = [f"+79{v:09d}" for v in _unique_numbers(rng, net.sims, 9).tolist()]
    ext = _unique_numbers(rng, net.externals, 10)
    prefixes = np.array(["+7495", "+7812", "+7727", "+4420", "+9053", "+9989"])
    which = rng.integers(0, len(prefixes), net.externals)
    outside = [f"{prefixes[w]}{v % 10**7:07d}" for w, v in zip(which, ext.tolist(), strict=True)]
    cells = [f"250-01-{1000 + c // 50}-{c:05d}" for c in range(net.cells)]
    return Identities(
        imsi=pa.array(imsi),
        party=pa.array(own + outside),
        imei=pa.array(_luhn_imeis(rng, net.imeis)),
        cell=pa.array(cells),
    )


SCHEMA = pa.schema(
    [
        ("start_time", pa.timestamp("s")),
        ("event_type", pa.string()),
        ("direction", pa.string()),
        ("imsi", pa.string()),
        ("imei", pa.string()),
        ("msisdn", pa.string()),
        ("other_party", pa.string()),
        ("cell_id", pa.string()),
        ("duration_s", pa.int32()),
    ]
)


def to_table(rows: Rows, ids: Identities) -> pa.Table:
    other = pa.array(rows.other, mask=rows.other < 0)
    return pa.table(
        {
            "start_time": pa.array(DAY_START + rows.t.astype("timedelta64[s]")),
            "event_type": pc.take(pa.array(["voice", "sms", "data"]), rows.etype),
            "direction": pc.take(pa.array(["mo", "mt"]), rows.direction),
            "imsi": pc.take(ids.imsi, rows.sim),
            "imei": pc.take(ids.imei, rows.imei),
            "msisdn": pc.take(ids.party, rows.sim),
            "other_party": pc.take(ids.party, other),
            "cell_id": pc.take(ids.cell, rows.cell),
            "duration_s": pa.array(rows.dur, type=pa.int32()),
        },
        schema=SCHEMA,
    )


def parse_evasion(text: str) -> str | frozenset[str]:
    """``none``, ``all``, ``mixed`` (each trick on for half the banks) or a comma list."""
    if text in {"none", "all", "mixed"}:
        return text
    chosen = {part.strip() for part in text.split(",") if part.strip()}
    if "all" in chosen:
        chosen = (chosen - {"all"}) | set(TRICKS)
    unknown = chosen - set(TRICKS) - set(EXTRA_TRICKS)
    if unknown:
        raise ValueError(f"unknown evasion trick(s): {', '.join(sorted(unknown))}")
    return frozenset(chosen)


def _bank_tricks(rng: np.random.Generator, banks: int, evasion: str | frozenset[str]):
    if evasion == "none":
        return [frozenset()] * banks
    if evasion == "all":
        return [frozenset(TRICKS)] * banks
    if evasion == "mixed":
        return [frozenset(t for t in TRICKS if rng.random() < 0.5) for _ in range(banks)]
    assert isinstance(evasion, frozenset)
    return [evasion] * banks


def rows_per_subscriber(seed: int) -> float:
    """Rows an ordinary subscriber produces on average, measured on a small network."""
    net = Network(np.random.default_rng(seed + 1), 20_000, [], [])
    return len(to_rows(net, subscriber_events(net, 0, net.subscribers)).sim) / net.subscribers


def generate(
    out: Path,
    *,
    subscribers: int | None = None,
    rows: int | None = None,
    banks: int = 3,
    bank_sizes: list[int] | None = None,
    evasion: str | frozenset[str] = "none",
    seed: int = 7,
    fmt: str = "parquet",
    chunk: int = 100_000,
    log: Any = None,
) -> dict[str, Any]:
    """Write ``out/cdrs.<fmt>`` and ``out/truth.json``; return the ground truth."""
    say = log or (lambda _msg: None)
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    sizes = (
        list(bank_sizes)
        if bank_sizes
        else [int(s) for s in rng.choice(BANK_SIZES, size=banks, p=BANK_SIZE_P)]
    )
    tricks = _bank_tricks(rng, len(sizes), evasion)
    if subscribers is None:
        target = rows or 1_000_000
        per_sim = 24 if isinstance(evasion, frozenset) and "lowvolume" in evasion else 145
        bank_rows = sum(sizes) * per_sim * (1.72 + (0.3 if evasion != "none" else 0))
        subscribers = max(100, int((target - bank_rows) / rows_per_subscriber(seed)))
    net = Network(rng, subscribers, sizes, tricks)
    ids = identities(net)
    say(f"{subscribers} subscribers, {len(sizes)} banks with {sum(sizes)} SIMs")
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"cdrs.{fmt}"
    written = 0
    bank_imeis: set[int] = set()
    writer: Any
    if fmt == "parquet":
        writer = pq.ParquetWriter(path, SCHEMA, compression="zstd")
    elif fmt == "csv":
        writer = pacsv.CSVWriter(path, SCHEMA)
    else:
        raise ValueError(f"unknown format {fmt}")
    try:
        for lo in [*range(0, subscribers, chunk), -1]:
            if lo < 0:
                ev = bank_events(net)
            else:
                ev = subscriber_events(net, lo, min(subscribers, lo + chunk))
            r = to_rows(net, ev)
            bank_imeis.update(np.unique(r.imei[r.sim >= subscribers]).tolist())
            order = np.argsort(r.t, kind="stable")
            r = Rows(*(getattr(r, f)[order] for f in Rows.__dataclass_fields__))
            writer.write_table(to_table(r, ids))
            written += len(r.sim)
            say(f"  {written:,} rows")
    finally:
        writer.close()
    bank_sims = np.arange(subscribers, net.sims)
    banks_out = []
    for b, size in enumerate(sizes):
        members = bank_sims[net.bank_of == b]
        banks_out.append({"bank": b, "sims": size, "tricks": sorted(tricks[b])})
        banks_out[-1]["imsis"] = pc.take(ids.imsi, members).to_pylist()
    truth = {
        "seed": seed,
        "subscribers": subscribers,
        "rows": written,
        "evasion": evasion if isinstance(evasion, str) else sorted(evasion),
        "banks": banks_out,
        "bank_imsis": pc.take(ids.imsi, bank_sims).to_pylist(),
        "bank_msisdns": pc.take(ids.party, bank_sims).to_pylist(),
        "bank_imeis": pc.take(ids.imei, sorted(bank_imeis)).to_pylist(),
        "kinds": {
            k.name: pc.take(ids.imsi, np.flatnonzero(net.kind == i)).to_pylist()
            for i, k in enumerate(KINDS)
            if k.name in {"sales", "office", "heavy"}
        },
        "generate_s": round(time.perf_counter() - started, 1),
        "file": path.name,
    }
    (out / "truth.json").write_text(json.dumps(truth))
    say(f"wrote {written:,} rows to {path} in {truth['generate_s']} s")
    return truth


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    size = p.add_mutually_exclusive_group()
    size.add_argument("--rows", type=int, help="approximate number of CDRs (default 1,000,000)")
    size.add_argument("--subscribers", type=int, help="number of ordinary subscribers")
    p.add_argument("--banks", type=int, default=20, help="number of SIM banks")
    p.add_argument("--bank-sizes", type=str, help="comma list of SIMs per bank (overrides --banks)")
    p.add_argument(
        "--evasion",
        default="none",
        help=f"none | all | mixed | comma list of {','.join(TRICKS + EXTRA_TRICKS)}",
    )
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    p.add_argument("--out", type=Path, default=Path("bench/data/cdr/default"))
    args = p.parse_args()
    sizes = [int(s) for s in args.bank_sizes.split(",")] if args.bank_sizes else None
    generate(
        args.out,
        subscribers=args.subscribers,
        rows=args.rows,
        banks=args.banks,
        bank_sizes=sizes,
        evasion=parse_evasion(args.evasion),
        seed=args.seed,
        fmt=args.format,
        log=print,
    )


if __name__ == "__main__":
    main()
