"""The station's pulse: recurring problems (顽瘴痼疾) found in the orders (places, textsim,
detect, describe, load), the problem register that tracks them (register) and whether a
measure worked (effect). Qt-free; scipy and numpy are imported only when this is used."""
