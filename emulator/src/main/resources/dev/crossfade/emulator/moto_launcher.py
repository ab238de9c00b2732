"""Starts moto's server in this Python process, after applying Crossfade's in-memory patches.

Run by dev.crossfade.emulator.MotoServer as: python3 moto_launcher.py -H 127.0.0.1 -p PORT
Each patch is listed in docs/emulation.md with how it differs from AWS.
"""
import sys

from moto.server import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
