"""plugins/site_writer's settings, declared once (site_settings)."""

from site_settings import Setting, declare

SCHEMA = declare(
    "site_writer", ("PERFORMANCE", "WRITE_FIRST", "OUTPUT_REPLACES", "PARALLEL_"),
    Setting("PERFORMANCE", bool, True,
            "False: Pelican's plain writer, in one process, rendering every output (the same "
            "bytes, slower)"),
    Setting("WRITE_FIRST", list[str], [],
            "Output paths rendered before all others (the pages a test or editor waits for)"),
    Setting("OUTPUT_REPLACES", str | None, None,
            "The output folder this build will replace, whose unchanged files are reused "
            "(`invoke build` sets it; None: the output path itself)"),
    Setting("PARALLEL_WORKERS", int | None, None,
            "Processes that render outputs and parse Markdown (None: one per CPU core, at most 4)",
            bounds=(1, None)),
    Setting("PARALLEL_MIN_ITEMS", int, 64,
            "Fewer items than this are handled in one process (forking costs more)",
            bounds=(0, None)),
)
