"""Templates compiled once per build, not once per generator.

Pelican gives every generator its own Jinja environment, and each environment compiles every
template it loads (base.html and _macros.html about fifteen times a build: lexing, parsing,
generating Python source and compiling it). Jinja's documented bytecode cache
(`Environment.bytecode_cache`, a `jinja2.BytecodeCache`) lets each environment load the
compiled code instead; this one keeps it in memory for the build (and for the writer's
processes, which fork after the generators' environments compiled what they used).

Jinja keys a cached template by its name, file and source checksum only. Its compiled code
also depends on how the environment compiles (delimiters, trim_blocks, autoescape, the
extensions, i18n's newstyle gettext, ...) and on its filters and tests (how each is called is
written into the code, and the optimizer writes in a filter's result on a constant), so the
key here names those too: environments configured differently never share code. A changed
template (make serve) has a new checksum and is compiled again. With PERFORMANCE = False no
environment gets the cache.
"""

from __future__ import annotations

import hashlib

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

from private_api import jinja_pass_arg

from .settings import SCHEMA

# Environment attributes that change the code Jinja generates (jinja2.environment's
# Environment.__init__ arguments that codegen or the lexer read, and i18n's attribute).
_COMPILE_OPTIONS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix",
    "line_comment_prefix", "trim_blocks", "lstrip_blocks", "newline_sequence",
    "keep_trailing_newline", "optimized", "is_async", "sandboxed", "newstyle_gettext",
)


def _called(functions: dict) -> str:
    # Jinja writes how a filter or test is called (its value alone, or the context, eval
    # context or environment first: private_api.jinja_pass_arg) into the compiled code, and
    # refuses to compile one its environment lacks (compiler.py, _filter_test_common). Its
    # optimizer also calls one that takes no context on constants while compiling and writes
    # the result in (optimizer.py, nodes.Filter.as_const): so the function is named too, by
    # module and qualified name (the closures one plugin makes for each environment from one
    # definition, alike, still share code; an object without those names is named by type).
    return repr(sorted(
        (name, str(jinja_pass_arg(function)),
         getattr(function, "__module__", None) or type(function).__module__,
         getattr(function, "__qualname__", None) or type(function).__qualname__)
        for name, function in functions.items()))


def compile_options(environment: Environment, name: str | None) -> str:
    """What, besides the source, decides `name`'s compiled code in `environment`: a string
    of the options above, autoescape (as it applies to `name`), finalize, the extensions,
    the filters' and tests' names with how each is called and the function's name, and the
    code generator and context classes."""
    autoescape = environment.autoescape
    if callable(autoescape):
        autoescape = autoescape(name)
    finalize = environment.finalize
    parts = [repr(getattr(environment, option, None)) for option in _COMPILE_OPTIONS]
    parts += [repr(autoescape), repr(finalize is None),
              getattr(finalize, "__qualname__", ""), str(jinja_pass_arg(finalize)),
              _called(environment.filters), _called(environment.tests),
              repr(sorted(environment.extensions)),
              environment.code_generator_class.__qualname__,
              environment.context_class.__qualname__]
    return "\x00".join(parts)


class SharedBytecode(BytecodeCache):
    """Compiled templates by (name, file, compile options); the source checksum is checked
    by Jinja's Bucket on load. In memory only: nothing is written to disk."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        options = hashlib.sha1(compile_options(environment, name).encode()).hexdigest()
        key = f"{self.get_cache_key(name, filename)}-{options}"
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


_shared: dict[str, SharedBytecode] = {}


def start() -> None:
    """A new build: a new, empty cache (initialized)."""
    _shared["cache"] = SharedBytecode()


def install(generator) -> None:
    """Give the generator's Jinja environment the build's cache (generator_init), when the
    performance layer is on."""
    if SCHEMA.get(generator.settings, "PERFORMANCE"):
        generator.env.bytecode_cache = _shared.setdefault("cache", SharedBytecode())
