"""Reads data/ftm_model.txt (the FollowTheMoney model facts vigil uses) into
Python objects: for data/gen_ftm.py, which compiles it into C, and for the
tests that check vigil's output against the model.  Standard library only.

A schema's properties are its own, those it inherits (a redeclared property
overrides the inherited one) and the reverse properties that entity
properties of other schemata give it, as FtM derives them: a property with
range=R and reverse=N adds N (type entity, range = the declaring schema) to
R, and so to every schema that extends R."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


class Prop:
    def __init__(self, name, type_, range_=None, reverse=None, stub=False, label=None,
                 hidden=False):
        self.name, self.type, self.range, self.reverse = name, type_, range_, reverse
        self.stub = stub  # a reverse property, derived
        self.label, self.hidden = label or name, hidden


class Schema:
    def __init__(self, name):
        self.name, self.label, self.extends = name, name, []
        self.plural, self.featured = name, []
        self.abstract = self.matchable = False
        self.edge = None  # (source, target)
        self.caption = []
        self.own = {}  # properties declared here, by name
        self.props = {}  # every property, filled by Model
        self.ancestors = set()


class Model:
    def __init__(self, path=os.path.join(HERE, "ftm_model.txt")):
        self.schemata, self.topics, self.target_topics = {}, [], set()
        cur = None
        with open(path, encoding="utf-8") as f:
            for n, raw in enumerate(f, 1):
                line = raw.split("#", 1)[0].rstrip()
                if not line.strip():
                    continue
                line, _, label = line.partition(" | ")
                words = line.split()
                where = f"{path}:{n}"
                if not line.startswith(" "):
                    cur = None
                    if words[0] == "topic" and len(words) in (2, 3):
                        self.topics.append(words[1])
                        if len(words) == 3:
                            if words[2] != "target":
                                raise SystemExit(f"{where}: expected 'topic NAME [target]'")
                            self.target_topics.add(words[1])
                    elif words[0] == "schema" and len(words) == 2:
                        cur = self.schemata.setdefault(words[1], Schema(words[1]))
                    else:
                        raise SystemExit(f"{where}: expected 'topic NAME [target]' or 'schema NAME'")
                    continue
                if cur is None:
                    raise SystemExit(f"{where}: an indented line outside a schema")
                key, args = words[0], words[1:]
                if key == "label":
                    cur.label = " ".join(args)
                elif key == "plural":
                    cur.plural = " ".join(args)
                elif key == "featured":
                    cur.featured = args
                elif key == "extends":
                    cur.extends = args
                elif key == "flags":
                    for a in args:
                        if a not in ("abstract", "matchable"):
                            raise SystemExit(f"{where}: unknown flag {a}")
                        setattr(cur, a, True)
                elif key == "edge" and len(args) == 2:
                    cur.edge = tuple(args)
                elif key == "caption":
                    cur.caption = args
                elif key == "property" and len(args) >= 2:
                    hidden = "hidden" in args[2:]
                    opts = dict(a.split("=", 1) for a in args[2:] if a != "hidden")
                    cur.own[args[0]] = Prop(args[0], args[1], opts.get("range"), opts.get("reverse"),
                                            label=label.strip() or None, hidden=hidden)
                else:
                    raise SystemExit(f"{where}: cannot read '{line.strip()}'")
        self._resolve()

    def _resolve(self):
        def ancestors(s, seen=()):
            if s.name in seen:
                raise SystemExit(f"schema {s.name} extends itself")
            out = {s.name}
            for p in s.extends:
                if p not in self.schemata:
                    raise SystemExit(f"schema {s.name} extends unknown {p}")
                out |= ancestors(self.schemata[p], seen + (s.name,))
            return out
        for s in self.schemata.values():
            s.ancestors = ancestors(s)
        stubs = {}  # range schema -> reverse props
        for s in self.schemata.values():
            for p in s.own.values():
                if p.type == "entity":
                    if p.range not in self.schemata:
                        raise SystemExit(f"{s.name}.{p.name}: unknown range {p.range}")
                    if p.reverse:
                        stubs.setdefault(p.range, {})[p.reverse] = Prop(
                            p.reverse, "entity", s.name, p.name, stub=True)

        def collect(s):
            props = {}
            for parent in s.extends:
                props.update(collect(self.schemata[parent]))
            props.update(stubs.get(s.name, {}))
            props.update(s.own)
            return props
        for s in self.schemata.values():
            s.props = collect(s)

    def is_a(self, schema, ancestor):
        s = self.schemata.get(schema)
        return bool(s) and ancestor in s.ancestors
