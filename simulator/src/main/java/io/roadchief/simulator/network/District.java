package io.roadchief.simulator.network;

/** An administrative district (行政区), e.g. XH 西湖区 / Xihu District. */
public record District(String code, String nameZh, String nameEn) {}
