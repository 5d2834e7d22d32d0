"""The ``wikipress`` command line: argparse in front, the library behind.

``main(argv) -> int`` parses arguments, calls the library, prints diagnostics
and returns the exit status: 0 when every input converted, 1 when any input
failed (the others are still converted), 2 for a usage error. Nothing here
knows the markup or the formats; bad input never shows a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """A mistake in the command's words: exit status 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wikipress", description="Parse wiki-style article files and export them.")
    parser.add_argument("--version", action="version", version=f"wikipress {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    convert = commands.add_parser("convert", help="convert articles to other formats",
                                  description="Convert article files to one or more formats.")
    convert.add_argument("inputs", nargs="+", metavar="INPUT",
                         help="article files, folders (searched for *.txt and *.wiki), or - for standard input")
    convert.add_argument("-t", "--to", default="yaml", metavar="FORMAT[,FORMAT...]",
                         help="output formats, comma-separated, or 'all' (default: yaml)")
    convert.add_argument("-o", "--output", metavar="DIR|-",
                         help="output folder (default: the current folder; standard output "
                              "when the only input is -), or - for standard output (one format)")
    convert.add_argument("-O", "--option", action="append", default=[], metavar="KEY=VALUE",
                         help="an exporter option (see 'wikipress formats'); repeatable")
    _pipeline(convert)
    _common(convert)

    check = commands.add_parser("check", help="parse articles and report problems",
                                description="Parse article files and print their diagnostics.")
    check.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="article files, folders (searched for *.txt and *.wiki), or - for standard input")
    check.add_argument("--split", action="store_true",
                       help="the inputs are corpora: check each article (from its '= Title =' line)")
    _common(check)

    book = commands.add_parser("book", help="print many articles as one PDF book",
                               description="Print article files as one PDF book: a cover, a "
                                           "table of contents, each article on a new page.")
    book.add_argument("inputs", nargs="+", metavar="INPUT",
                      help="article files or folders (searched for *.txt and *.wiki), in book order")
    book.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="the book to write")
    book.add_argument("--title", help="the book's title (default: from the output file's name)")
    book.add_argument("-O", "--option", action="append", default=[], metavar="KEY=VALUE",
                      help="a pdf option (see 'wikipress formats'); repeatable")
    _common(book)

    commands.add_parser("formats", help="list the output formats and their options",
                        description="List the output formats, third-party ones included.")
    for sub in commands.choices.values():
        sub.add_argument("--version", action="version", version=f"wikipress {__version__}")
        sub.set_defaults(command_parser=sub)  # what a word the command does not know is told by
    return parser


def _pipeline(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--split", action="store_true",
                        help="the inputs are corpora: write each article (from its '= Title =' "
                             "line) to its own file, named after its title")
    parser.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                        help="worker processes (default: the number of CPUs; at most 4 per CPU)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="convert on a Dask cluster, e.g. tcp://scheduler:8786 "
                             "(needs wikipress[dask])")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="say where each output went")


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"needs at least 1 job, not {value}")
    return value


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def main(argv: list[str] | None = None) -> int:
    from ._signals import terminate_in_order
    from ._stderr import forgiving_stderr

    args, unknown = _parser().parse_known_args(argv)
    if unknown:  # told by the command's own parser, with its usage, not the top level's
        args.command_parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    # losing the diagnostics' reader must not stop the run; SIGTERM stops it as Ctrl-C does
    with forgiving_stderr(), terminate_in_order():
        return _run_command(args)


def _run_command(args: argparse.Namespace) -> int:
    from ._signals import Stopped

    try:
        status = _command(args)
        if sys.stdout is not None:  # None when it was closed (>&-)
            sys.stdout.flush()  # here, where a full disk is still reported (not at exit)
        return status
    except UsageError as error:
        print(f"wikipress: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except Stopped as stop:  # SIGTERM: the same orderly stop, and the status a shell expects
        print("wikipress: terminated", file=sys.stderr)
        return 128 + stop.number
    except KeyboardInterrupt:
        print("wikipress: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Standard output's reader went away (for example `| head`): not an error.
        _silence_stdout()  # so that flushing it at exit cannot fail again
        return EXIT_OK
    except OSError as error:  # standard output on a full disk, for one; never a traceback
        where = error.filename or "standard output"
        if error.filename is None:
            _silence_stdout()
        print(f"wikipress: error: {where}: {error.strerror or error}", file=sys.stderr)
        return EXIT_FAILED


def _silence_stdout() -> None:
    if sys.stdout is not None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _command(args: argparse.Namespace) -> int:
    if args.command == "convert":
        from ._commands import convert
        return convert(args)
    if args.command == "check":
        from ._commands import check
        return check(args)
    if args.command == "book":
        from ._commands import book
        return book(args)
    from ._commands import list_formats
    return list_formats()


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    # Run as ``python -m wikipress._cli``: go through the imported module, so that
    # _commands raises the same UsageError class that main() catches.
    from wikipress._cli import run as _imported_run

    _imported_run()
