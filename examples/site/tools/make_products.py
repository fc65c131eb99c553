#!/usr/bin/env python3
"""Writes content/products/*.json: the 320 product pages of the example site.

Run once from examples/site (`python3 tools/make_products.py`); the output is committed. Deterministic:
every value comes from the product number, so running it again gives the same files.
"""
import json
import os

CATEGORIES = [
    ("tents", "Tent", ["ripstop", "two-door", "freestanding", "ultralight"]),
    ("packs", "Pack", ["hip-belt", "rain-cover", "frameless", "roll-top"]),
    ("sleeping", "Sleeping Bag", ["down", "synthetic", "mummy", "quilt"]),
    ("stoves", "Stove", ["canister", "alcohol", "wood", "integrated"]),
    ("lights", "Headlamp", ["rechargeable", "red-light", "waterproof", "lockout"]),
    ("water", "Filter", ["squeeze", "gravity", "pump", "uv"]),
    ("footwear", "Boot", ["waterproof", "mid-cut", "trail", "leather"]),
    ("apparel", "Jacket", ["shell", "insulated", "windproof", "packable"]),
]
ADJECTIVES = ["Alpine", "Summit", "Ridge", "Canyon", "Glacier", "Meadow", "Timber", "Coastal", "Desert", "Boreal"]
COLOURS = ["slate", "moss", "ember", "sky", "sand", "charcoal"]

os.makedirs("content/products", exist_ok=True)
for n in range(320):
    slug, noun, features = CATEGORIES[n % len(CATEGORIES)]
    adjective = ADJECTIVES[(n // len(CATEGORIES)) % len(ADJECTIVES)]
    model = 100 + n
    doc = {
        "template": "product.html",
        "title": f"{adjective} {noun} {model}",
        "sku": f"KO-{slug[:3].upper()}-{model:04d}",
        "category": slug,
        "price": round(19.5 + (n * 37 % 400) + (n % 4) * 0.25, 2),
        "rating": round(3.0 + (n * 7 % 21) / 10, 1),
        "stock": (n * 13) % 40,
        "colours": [COLOURS[(n + k) % len(COLOURS)] for k in range(1 + n % 3)],
        "tags": [features[n % 4], features[(n + 1) % 4]],
        "specs": {"weight_g": 150 + (n * 53) % 2400, "warranty_years": 1 + n % 5, "origin": ["Portugal", "Vietnam", "Canada", "Italy"][n % 4]},
        "summary": f"The {adjective.lower()} {noun.lower()} {model} is built for {features[n % 4]} trips and {features[(n + 2) % 4]} comfort.",
    }
    with open(f"content/products/{slug}-{model}.json", "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
