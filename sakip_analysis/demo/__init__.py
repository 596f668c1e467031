"""The synthetic demo kabupaten: Jombang's 21 kecamatan × 2022–2024 as LKJIP documents.

Every figure is made up from a seed; every title page says DATA DEMO SINTETIS, so the
extracted rows carry `data_source = "sintetis"`. A manifest lists the inconsistencies that
were planted on purpose, so the checker's recall can be measured.
"""

from sakip_analysis.demo.build import DEFAULT_SEED, MANIFEST, generate_demo
from sakip_analysis.demo.generator import DemoError
from sakip_analysis.demo.names import KECAMATAN_JOMBANG, SYNTHETIC_MARKER, slug

__all__ = ["DEFAULT_SEED", "KECAMATAN_JOMBANG", "MANIFEST", "SYNTHETIC_MARKER", "DemoError",
           "generate_demo", "slug"]
