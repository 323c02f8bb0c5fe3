"""Fetching, feeds and web pages against a loopback web server: real HTTP, no internet."""
