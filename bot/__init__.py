"""Jingmin transport: the aiohttp app, channels, CLI and workers."""
