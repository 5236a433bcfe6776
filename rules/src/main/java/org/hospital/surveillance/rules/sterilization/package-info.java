/** The verdict on a sterilizer load from its Bowie-Dick test, chemical and biological indicators. */
package org.hospital.surveillance.rules.sterilization;
